using System.Security.Cryptography;

namespace SelfInstruct.Core.Formats;

/// <summary>
/// One input of a <see cref="Fingerprint"/>: a plain string, settings, an upstream fingerprint, a file or a folder.
/// </summary>
public sealed record FingerprintPart
{
    private FingerprintPart(string value) => Value = value;

    /// <summary>What the part contributes to the hash.</summary>
    internal string Value { get; }

    /// <summary>A plain string, such as a stage name, a model name or a prompt.</summary>
    public static FingerprintPart Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new FingerprintPart(text);
    }

    /// <summary>A fingerprint this result builds on, such as the stage that made its input.</summary>
    public static FingerprintPart Upstream(string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        return new FingerprintPart(fingerprint);
    }

    /// <summary>Settings as their JSON; <paramref name="options"/> null means the serializer's defaults.</summary>
    public static FingerprintPart Settings<T>(T settings, JsonSerializerOptions? options = null) =>
        new(JsonSerializer.Serialize(settings, options));

    /// <summary>A file by its contents: the SHA-256 of its bytes.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static FingerprintPart FileContents(string path)
    {
        using var stream = File.OpenRead(path);
        return new FingerprintPart(Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    /// <summary>
    /// A folder the user gives (a downloaded checkpoint, an evaluation set) by each file's relative path, size and
    /// last write time, at every depth: re-reading gigabytes of weights on every run would cost more than the check
    /// is worth.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static FingerprintPart FolderListing(string folder)
    {
        var root = new DirectoryInfo(folder);
        if (!root.Exists)
        {
            throw new DirectoryNotFoundException($"{folder}: no such folder");
        }
        var entries = root.EnumerateFiles("*", SearchOption.AllDirectories)
            .Select(file => (Path: Path.GetRelativePath(root.FullName, file.FullName), file.Length,
                Ticks: file.LastWriteTimeUtc.Ticks))
            .OrderBy(entry => entry.Path, StringComparer.Ordinal)
            .SelectMany(entry => new[]
            {
                Text(entry.Path),
                Text(entry.Length.ToString(CultureInfo.InvariantCulture)),
                Text(entry.Ticks.ToString(CultureInfo.InvariantCulture)),
            });
        return new FingerprintPart(Fingerprint.Of(entries));
    }
}
