using Microsoft.Extensions.AI;

namespace SelfInstruct.Backends;

/// <summary>
/// What it took to get one answer (or to give up): the attempts made, the transport fault behind each retry, and the
/// time waited between attempts. <see cref="TransportRetryChatClient"/> attaches it to a response it retried.
/// </summary>
/// <param name="Count">Attempts made, the last included.</param>
/// <param name="Faults">The failure reason of every attempt that was retried, in order.</param>
/// <param name="Waited">Backoff waited in total.</param>
public sealed record TransportAttempts(int Count, IReadOnlyList<string> Faults, TimeSpan Waited)
{
    /// <summary>The key of the response's additional property that holds the record.</summary>
    public const string PropertyName = "selfinstruct.transport_attempts";

    /// <summary>One attempt that was answered: no retry, no wait.</summary>
    public static TransportAttempts First { get; } = new(1, [], TimeSpan.Zero);

    /// <summary>The attempts behind <paramref name="response"/>; <see cref="First"/> when it was not retried.</summary>
    public static TransportAttempts Of(ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.AdditionalProperties?.TryGetValue(PropertyName, out var value) == true &&
            value is TransportAttempts attempts
            ? attempts
            : First;
    }
}
