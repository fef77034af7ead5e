namespace SelfInstruct.Generate.Configuration;

/// <summary>A configuration that cannot run, with every problem found, one per line of the message.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string source, IReadOnlyList<string> problems)
        : base($"{source}: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:\n  " +
            string.Join("\n  ", problems))
    {
        Problems = problems;
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Each problem, such as "temperature must lie in 0..2, found 3".</summary>
    public IReadOnlyList<string> Problems { get; }
}
