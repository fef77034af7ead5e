using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace SelfInstruct.Backends.Routing;

/// <summary>
/// One chat client over several servers of the same model (vLLM replicas, several providers' keys): each request
/// goes to the endpoint with the fewest requests in flight for its weight, within its own concurrency. An endpoint
/// that fails <see cref="EndpointCoolDown.AfterFailures"/> requests in a row is set aside for the cool-down, then
/// tried again. A request an endpoint fails in transport (or cannot reach it, or is refused its key) goes on at once
/// to an endpoint it has not tried yet; only when every one has failed does the failure reach the caller, the
/// retryable one if any was, so one dead replica never stops a run. Safe for concurrent use.
/// </summary>
/// <remarks>
/// Which endpoint answers never changes what is asked: the caller's prompts and sampling do not see it, so a run is
/// the same for a given seed whatever set of replicas answers it.
/// </remarks>
public sealed class EndpointRouter : IChatClient
{
    private readonly EndpointState[] _endpoints;
    private readonly EndpointCoolDown _coolDown;
    private readonly TimeProvider _clock;
    private readonly Lock _lock = new();
    private TaskCompletionSource? _released;

    /// <param name="endpoints">The servers, at least one; the router disposes their clients.</param>
    /// <param name="coolDown">When a failing endpoint is set aside and for how long.</param>
    /// <param name="clock">Measures latency and cool-downs; <see cref="TimeProvider.System"/> outside tests.</param>
    public EndpointRouter(IReadOnlyList<RoutedEndpoint> endpoints, EndpointCoolDown coolDown, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentOutOfRangeException.ThrowIfZero(endpoints.Count);
        ArgumentNullException.ThrowIfNull(coolDown);
        ArgumentNullException.ThrowIfNull(clock);
        foreach (var endpoint in endpoints)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(endpoint.Weight);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(endpoint.Concurrency ?? 1);
        }
        _endpoints = endpoints.Select((endpoint, position) => new EndpointState(endpoint, position)).ToArray();
        _coolDown = coolDown;
        _clock = clock;
    }

    /// <summary>What each endpoint did so far, in the configured order.</summary>
    public IReadOnlyList<EndpointStatistics> Statistics()
    {
        lock (_lock)
        {
            return _endpoints.Select(endpoint => endpoint.Statistics()).ToList();
        }
    }

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var conversation = messages as IList<ChatMessage> ?? messages.ToList();
        var tried = new List<EndpointState>(capacity: 1);
        BackendException? failure = null;
        while (await AcquireAsync(tried, cancellationToken) is { } endpoint)
        {
            tried.Add(endpoint);
            var started = _clock.GetTimestamp();
            var outcome = Outcome.Abandoned;
            try
            {
                var response = await endpoint.Endpoint.Client.GetResponseAsync(
                    conversation, options, cancellationToken);
                outcome = Outcome.Answered;
                return response;
            }
            catch (BackendException exception)
            {
                outcome = exception.Reason == BackendException.BadRequest ? Outcome.Refused : Outcome.Failed;
                if (outcome == Outcome.Refused)
                {
                    throw;
                }
                failure = failure is { IsFatal: false } && exception.IsFatal ? failure : exception;
            }
            finally
            {
                Release(endpoint, outcome, _clock.GetElapsedTime(started));
            }
        }
        throw failure!;
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Once updates have flowed a stream cannot move to another endpoint: it is routed, not failed over.
        var endpoint = (await AcquireAsync([], cancellationToken))!;
        var started = _clock.GetTimestamp();
        var outcome = Outcome.Abandoned;
        try
        {
            await using var updates = endpoint.Endpoint.Client
                .GetStreamingResponseAsync(messages, options, cancellationToken)
                .GetAsyncEnumerator(cancellationToken);
            while (await NextAsync(updates, failed => outcome = failed))
            {
                yield return updates.Current;
            }
            outcome = Outcome.Answered;
        }
        finally
        {
            Release(endpoint, outcome, _clock.GetElapsedTime(started));
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
        foreach (var endpoint in _endpoints)
        {
            endpoint.Endpoint.Client.Dispose();
        }
    }

    // A stream's next update; a failure is noted before it propagates (an iterator cannot catch around a yield).
    private static async Task<bool> NextAsync(IAsyncEnumerator<ChatResponseUpdate> updates, Action<Outcome> failed)
    {
        try
        {
            return await updates.MoveNextAsync();
        }
        catch (BackendException exception)
        {
            failed(exception.Reason == BackendException.BadRequest ? Outcome.Refused : Outcome.Failed);
            throw;
        }
    }

    // The endpoint for the next attempt, its slot taken; null when every endpoint has been tried.
    private async Task<EndpointState?> AcquireAsync(List<EndpointState> tried, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task released;
            lock (_lock)
            {
                if (tried.Count == _endpoints.Length)
                {
                    return null;
                }
                if (Choose(tried, _clock.GetUtcNow()) is { } chosen)
                {
                    chosen.Start();
                    return chosen;
                }
                _released ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                released = _released.Task;
            }
            await released.WaitAsync(cancellationToken);
        }
    }

    // The best untried endpoint with room among those not set aside; when every untried one is aside, the one back
    // soonest (a request is never refused for want of an endpoint). Null when the one to use has no room yet.
    private EndpointState? Choose(List<EndpointState> tried, DateTimeOffset now)
    {
        EndpointState? best = null;
        EndpointState? soonestBack = null;
        var anyReady = false;
        foreach (var endpoint in _endpoints)
        {
            if (tried.Contains(endpoint))
            {
                continue;
            }
            if (endpoint.IsAside(now))
            {
                soonestBack = soonestBack is null || endpoint.AsideUntil < soonestBack.AsideUntil
                    ? endpoint
                    : soonestBack;
                continue;
            }
            anyReady = true;
            if (endpoint.HasRoom && (best is null || endpoint.IsBetterThan(best)))
            {
                best = endpoint;
            }
        }
        return anyReady ? best : soonestBack is { HasRoom: true } ? soonestBack : null;
    }

    private void Release(EndpointState endpoint, Outcome outcome, TimeSpan latency)
    {
        TaskCompletionSource? waiting;
        lock (_lock)
        {
            switch (outcome)
            {
                case Outcome.Answered:
                    endpoint.Answered(latency);
                    break;
                case Outcome.Abandoned:
                    endpoint.Abandoned();
                    break;
                default:
                    endpoint.Failed(outcome == Outcome.Failed, _clock.GetUtcNow(), _coolDown);
                    break;
            }
            (waiting, _released) = (_released, null);
        }
        waiting?.TrySetResult();
    }

    private enum Outcome
    {
        Answered,
        Failed,

        // The request itself was refused (400): any endpoint would refuse it, so it is not failed over.
        Refused,

        Abandoned,
    }
}
