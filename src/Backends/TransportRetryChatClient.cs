using Microsoft.Extensions.AI;

namespace SelfInstruct.Backends;

/// <summary>
/// Retries a request that failed in transport (<see cref="TransportRetryPolicy.IsTransportFault"/>) until it is
/// answered or the attempts are spent, waiting between attempts as the policy says. An answered request that needed
/// retries carries its <see cref="TransportAttempts"/>; one that never got an answer throws its last failure with
/// them.
/// </summary>
/// <remarks>
/// It sits outside the error mapping and the response cache: it sees <see cref="BackendException"/>s, and a failed
/// attempt was never cached, so the next one goes to the server.
/// </remarks>
internal sealed class TransportRetryChatClient(
    IChatClient innerClient, TransportRetryPolicy policy, Func<TimeSpan, CancellationToken, Task> wait)
    : DelegatingChatClient(innerClient)
{
    // Jitter only spreads retries out; it needs no seed, and results never depend on it.
    private readonly Random _jitter = new();
    private readonly Lock _jitterLock = new();

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var conversation = messages.ToList();
        var faults = new List<string>();
        var waited = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await base.GetResponseAsync(conversation, options, cancellationToken);
                if (faults.Count > 0)
                {
                    response.AdditionalProperties ??= [];
                    response.AdditionalProperties[TransportAttempts.PropertyName] =
                        new TransportAttempts(attempt, faults, waited);
                }
                return response;
            }
            catch (BackendException exception) when (TransportRetryPolicy.IsTransportFault(exception))
            {
                if (attempt >= policy.MaxAttempts)
                {
                    throw GaveUp(exception, new TransportAttempts(attempt, faults, waited));
                }
                faults.Add(exception.Reason);
                var delay = NextDelay(attempt + 1, exception.RetryAfter);
                await wait(delay, cancellationToken);
                waited += delay;
            }
        }
    }

    private TimeSpan NextDelay(int attempt, TimeSpan? retryAfter)
    {
        lock (_jitterLock)
        {
            return policy.Delay(attempt, retryAfter, _jitter);
        }
    }

    private static BackendException GaveUp(BackendException last, TransportAttempts attempts) =>
        attempts.Count == 1
            ? last
            : new BackendException(last.Reason, $"{last.Message} (gave up after {attempts.Count} attempts)",
                last.IsFatal, last)
            {
                RetryAfter = last.RetryAfter,
                Attempts = attempts,
            };
}
