using SelfInstruct.Backends;

namespace SelfInstruct.Generate.Pipeline;

/// <summary>
/// Requests answered and tokens used by one step; token counts are as the backend reports them. Transport faults
/// add <paramref name="Retries"/> (attempts beyond the first, of answered and failed requests alike) and the
/// backoff waited before them.
/// </summary>
public sealed record StepUsage(
    long Requests, long InputTokens, long OutputTokens, long Retries = 0, double BackoffSeconds = 0)
{
    /// <summary>No requests yet.</summary>
    public static StepUsage None { get; } = new(0, 0, 0);

    /// <summary>One answered request and what it took.</summary>
    public static StepUsage Answered(ModelReply reply, TransportAttempts attempts)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return Retried(attempts) with
        {
            Requests = 1,
            InputTokens = reply.InputTokens,
            OutputTokens = reply.OutputTokens,
        };
    }

    /// <summary>The retries behind one request, answered or not, without the request itself.</summary>
    public static StepUsage Retried(TransportAttempts attempts)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        return new(0, 0, 0, attempts.Count - 1, attempts.Waited.TotalSeconds);
    }

    public static StepUsage operator +(StepUsage left, StepUsage right) => new(
        left.Requests + right.Requests, left.InputTokens + right.InputTokens, left.OutputTokens + right.OutputTokens,
        left.Retries + right.Retries, left.BackoffSeconds + right.BackoffSeconds);

    /// <summary>The same as the + operator, for languages without operators.</summary>
    public static StepUsage Add(StepUsage left, StepUsage right) => left + right;
}
