namespace SelfInstruct.Generate.Pipeline;

/// <summary>Requests answered and tokens used by one step; token counts are as the backend reports them.</summary>
public sealed record StepUsage(long Requests, long InputTokens, long OutputTokens)
{
    /// <summary>No requests yet.</summary>
    public static StepUsage None { get; } = new(0, 0, 0);

    public static StepUsage operator +(StepUsage left, StepUsage right) => new(
        left.Requests + right.Requests, left.InputTokens + right.InputTokens, left.OutputTokens + right.OutputTokens);

    /// <summary>The same as the + operator, for languages without operators.</summary>
    public static StepUsage Add(StepUsage left, StepUsage right) => left + right;
}
