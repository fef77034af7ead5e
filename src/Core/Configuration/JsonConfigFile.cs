using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization.Metadata;

namespace SelfInstruct.Core.Configuration;

/// <summary>Reads a stage's JSON config file with that stage's serializer settings.</summary>
public static class JsonConfigFile
{
    // Each stage's options, with unknown keys skipped: they are found and reported by name first.
    private static readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> _lenient = new();

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
        var (config, unknownKeys) = await ReadCollectingUnknownKeysAsync<T>(path, options, cancellationToken);
        return unknownKeys.Count == 0 ? config : throw new ConfigException(path, unknownKeys);
    }

    /// <summary>
    /// As <see cref="ReadAsync{T}"/>, but an unknown key is returned as a problem (with the key it was likely meant
    /// to be) instead of thrown, so it can be reported together with the settings' own problems.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="ConfigException">Not a JSON object, or a wrongly typed value, with its line.</exception>
    public static async Task<(T Config, IReadOnlyList<string> UnknownKeys)> ReadCollectingUnknownKeysAsync<T>(
        string path, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such config file", path);
        }
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        try
        {
            var root = JsonNode.Parse(text, documentOptions: new()
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            }) as JsonObject ?? throw new ConfigException(path, ["expected a JSON object"]);
            var resolver = options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver();
            var known = resolver.GetTypeInfo(typeof(T), options)!.Properties.Select(property => property.Name)
                .ToHashSet(StringComparer.Ordinal);
            var unknown = root.Select(pair => pair.Key).Where(key => !known.Contains(key))
                .Select(key => UnknownKey(key, known)).ToList();
            // Read from the text, not the tree, so a wrongly typed value is reported with its line.
            var lenient = _lenient.GetValue(options, strict => new JsonSerializerOptions(strict)
            {
                UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            });
            var config = JsonSerializer.Deserialize<T>(text, lenient)
                ?? throw new ConfigException(path, ["expected a JSON object, found null"]);
            return (config, unknown);
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line ? $"{path}:{line + 1}" : path;
            throw new ConfigException($"{where}: {exception.Message}", exception);
        }
    }

    private static string UnknownKey(string key, IReadOnlySet<string> known)
    {
        static string Squashed(string name) => name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        var meant = known.FirstOrDefault(name => Squashed(name) == Squashed(key));
        return meant is null ? $"{key}: not a setting" : $"{key}: not a setting (did you mean {meant}?)";
    }
}
