using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SelfInstruct.Cli.Pipeline;

/// <summary>
/// What a stage's result depends on, as one SHA-256 hex string: its settings, the fingerprints of the stages it
/// reads, and the files it reads. A stage whose fingerprint is unchanged and whose run completed is skipped.
/// </summary>
public static class StageFingerprint
{
    /// <summary>The hash of the parts, in order; each part is length-prefixed so no two lists collide.</summary>
    public static string Of(params IEnumerable<string> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            var bytes = Encoding.UTF8.GetBytes(part);
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The hash of a file's bytes.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static string OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>
    /// A folder the user gives (a downloaded checkpoint, an evaluation set) by each file's relative path, size and
    /// last write time: re-reading gigabytes of weights on every run would cost more than the check is worth.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static string OfFolder(string folder)
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
                entry.Path,
                entry.Length.ToString(CultureInfo.InvariantCulture),
                entry.Ticks.ToString(CultureInfo.InvariantCulture),
            });
        return Of(entries);
    }
}
