namespace SelfInstruct.Finetune.Configuration;

/// <summary>Reads and writes <see cref="FinetuneConfig"/> as JSON with snake_case keys.</summary>
public static class FinetuneConfigFile
{
    /// <summary>The file name next to the outputs and inside every checkpoint.</summary>
    public const string FileName = "selfinstruct_finetune.json";

    /// <summary>The serializer settings of the file, also used for its section of a pipeline config.</summary>
    public static JsonSerializerOptions Options { get; } =
        JsonConfigFile.CreateOptions(JsonNamingPolicy.KebabCaseLower);

    /// <summary>The defaults overlaid with the keys the file sets; it is not validated here.</summary>
    /// <exception cref="ConfigException">Not JSON, an unknown key, or a value of the wrong type.</exception>
    public static Task<FinetuneConfig> ReadAsync(string path, CancellationToken cancellationToken) =>
        JsonConfigFile.ReadAsync<FinetuneConfig>(path, Options, cancellationToken);

    /// <summary>The config as indented JSON.</summary>
    public static string ToJson(FinetuneConfig config) => JsonSerializer.Serialize(config, Options) + "\n";

    /// <summary>Writes <see cref="FileName"/> into <paramref name="folder"/> atomically.</summary>
    public static Task WriteAsync(string folder, FinetuneConfig config, CancellationToken cancellationToken) =>
        AtomicFile.WriteTextAsync(Path.Combine(folder, FileName), ToJson(config), cancellationToken);
}
