namespace SelfInstruct.Core.Configuration;

/// <summary>The one way a settings record is validated: every problem it lists, thrown together.</summary>
public static class ConfigValidation
{
    /// <summary>Throws one exception listing every problem of <paramref name="config"/>, naming
    /// <paramref name="source"/> (a file, or "generation settings").</summary>
    /// <exception cref="ConfigException">The settings have one or more problems.</exception>
    public static void Validate(this IConfigRecord config, string source)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = config.Problems();
        if (problems.Count > 0)
        {
            throw new ConfigException(source, problems);
        }
    }
}
