namespace SelfInstruct.Finetune.Configuration;

/// <summary>Fine-tuning settings that cannot run, with every problem found, one per line of the message.</summary>
public sealed class FinetuneConfigException : Exception
{
    public FinetuneConfigException(string source, IReadOnlyList<string> problems)
        : base($"{source}: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:\n  " +
            string.Join("\n  ", problems))
    {
        Problems = problems;
    }

    public FinetuneConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Each problem, such as "learning rate must be positive, found 0".</summary>
    public IReadOnlyList<string> Problems { get; }
}
