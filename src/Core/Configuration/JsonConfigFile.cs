using System.Text.Encodings.Web;

namespace SelfInstruct.Core.Configuration;

/// <summary>Reads a stage's JSON config file with that stage's serializer settings.</summary>
public static class JsonConfigFile
{
    /// <summary>
    /// The settings every config file shares: snake_case keys, unknown keys refused, comments and trailing commas
    /// allowed, indented output. Enum values are read in any case and written with
    /// <paramref name="enumNamingPolicy"/> (null: as declared).
    /// </summary>
    public static JsonSerializerOptions CreateOptions(JsonNamingPolicy? enumNamingPolicy = null) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(enumNamingPolicy) },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
    };

    /// <summary>The record's defaults overlaid with the keys the file sets; it is not validated here.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="ConfigException">Not JSON, an unknown key, or a wrongly typed value, with its line.</exception>
    public static async Task<T> ReadAsync<T>(
        string path, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such config file", path);
        }
        await using var stream = File.OpenRead(path);
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(stream, options, cancellationToken)
                ?? throw new ConfigException(path, ["expected a JSON object, found null"]);
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line ? $"{path}:{line + 1}" : path;
            throw new ConfigException($"{where}: {exception.Message}", exception);
        }
    }
}
