namespace SelfInstruct.Generate.Configuration;

/// <summary>Reads and writes <see cref="GenerationConfig"/> as JSON with snake_case keys.</summary>
public static class GenerationConfigFile
{
    /// <summary>The serializer settings of the file, also used for its section of a pipeline config.</summary>
    public static JsonSerializerOptions Options { get; } = JsonConfigFile.CreateOptions();

    /// <summary>The defaults overlaid with the keys the file sets; it is not validated here.</summary>
    /// <exception cref="ConfigException">Not JSON, an unknown key, or a value of the wrong type.</exception>
    public static Task<GenerationConfig> ReadAsync(string path, CancellationToken cancellationToken) =>
        JsonConfigFile.ReadAsync<GenerationConfig>(path, Options, cancellationToken);

    /// <summary>The config as indented JSON, as it is written next to the outputs.</summary>
    public static string ToJson(GenerationConfig config) => JsonSerializer.Serialize(config, Options);
}
