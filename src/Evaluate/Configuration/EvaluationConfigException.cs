namespace SelfInstruct.Evaluate.Configuration;

/// <summary>An evaluation configuration that cannot run, with every problem found, one per message line.</summary>
public sealed class EvaluationConfigException : Exception
{
    public EvaluationConfigException(string source, IReadOnlyList<string> problems)
        : base($"{source}: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:\n  " +
            string.Join("\n  ", problems))
    {
        Problems = problems;
    }

    public EvaluationConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Each problem, such as "max_new_tokens must be at least 1, found 0".</summary>
    public IReadOnlyList<string> Problems { get; }
}
