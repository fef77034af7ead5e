namespace SelfInstruct.Evaluate.Configuration;

/// <summary>Reads and writes <see cref="EvaluationConfig"/> and the results as JSON with snake_case keys.</summary>
public static class EvaluationConfigFile
{
    /// <summary>The serializer settings of config.json and results.json.</summary>
    public static JsonSerializerOptions Options { get; } =
        new(JsonConfigFile.CreateOptions())
        {
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };

    /// <summary>The defaults overlaid with the keys the file sets; it is not validated here.</summary>
    /// <exception cref="ConfigException">Not JSON, an unknown key, or a value of the wrong type.</exception>
    public static Task<EvaluationConfig> ReadAsync(string path, CancellationToken cancellationToken) =>
        JsonConfigFile.ReadAsync<EvaluationConfig>(path, Options, cancellationToken);
}
