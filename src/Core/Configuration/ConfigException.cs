namespace SelfInstruct.Core.Configuration;

/// <summary>A configuration that cannot run, with every problem found, one per line of the message.</summary>
public sealed class ConfigException : Exception
{
    /// <summary>A configuration from <paramref name="source"/> (a file or "settings") with its problems.</summary>
    public ConfigException(string source, IReadOnlyList<string> problems)
        : base($"{source}: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:\n  " +
            string.Join("\n  ", problems))
    {
        Problems = problems;
    }

    /// <summary>A configuration that could not be read at all, such as malformed JSON.</summary>
    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Each problem, such as "temperature must lie in 0..2, found 3".</summary>
    public IReadOnlyList<string> Problems { get; }
}
