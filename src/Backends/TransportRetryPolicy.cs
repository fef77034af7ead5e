namespace SelfInstruct.Backends;

/// <summary>
/// When and how long to retry a request that failed in transport: a timeout, a dropped connection, a 429 or 5xx the
/// SDK gave up on, or an answer that is not the JSON the API defines. The server's answer itself is never retried
/// here: a well-formed reply, however bad, is the caller's to judge. A refused key, an unknown model and a rejected
/// request (400) fail at once.
/// </summary>
/// <param name="MaxAttempts">Attempts in all, the first included; 1 turns retrying off.</param>
/// <param name="BaseDelay">The wait before the second attempt; it doubles with every attempt after.</param>
/// <param name="MaxDelay">The longest wait between two attempts, a server's Retry-After included.</param>
public sealed record TransportRetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>5 attempts, 1 s doubling up to 30 s.</summary>
    public static TransportRetryPolicy Default { get; } = new(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    /// <summary>Whether the failure is one a later attempt may not meet.</summary>
    public static bool IsTransportFault(BackendException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Reason is BackendException.Timeout or BackendException.ServerError
            or BackendException.RateLimited or BackendException.MalformedResponse or BackendException.Unreachable;
    }

    /// <summary>
    /// The wait before attempt <paramref name="nextAttempt"/> (2 or more): the server's Retry-After where it gave one,
    /// else capped exponential backoff with jitter (a uniform share between half and all of it, so clients that
    /// failed together do not retry together), never more than <see cref="MaxDelay"/>.
    /// </summary>
    public TimeSpan Delay(int nextAttempt, TimeSpan? retryAfter, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nextAttempt, 2);
        ArgumentNullException.ThrowIfNull(random);
        if (retryAfter is { } asked)
        {
            return asked < MaxDelay ? asked : MaxDelay;
        }
        var exponential = BaseDelay * Math.Pow(2, Math.Min(nextAttempt - 2, 30));
        var capped = exponential < MaxDelay ? exponential : MaxDelay;
        return capped * (0.5 + (0.5 * random.NextDouble()));
    }
}
