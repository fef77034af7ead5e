using System.Runtime.CompilerServices;
using System.Threading.RateLimiting;
using Microsoft.Extensions.AI;

namespace SelfInstruct.Backends;

/// <summary>
/// Keeps to a provider's per-minute quotas: optional requests-per-minute and tokens-per-minute budgets over a sliding
/// minute. Tokens are estimated before sending (prompt characters / 4 plus the output limit), as providers count them
/// against the limit up front. Requests in flight are bounded above this client, by the caller.
/// </summary>
internal sealed class RateLimitedChatClient : DelegatingChatClient
{
    private const int CharactersPerToken = 4;

    private readonly SlidingWindowRateLimiter? _requests;
    private readonly SlidingWindowRateLimiter? _tokens;
    private readonly int _tokensPerMinute;

    public RateLimitedChatClient(IChatClient innerClient, int? requestsPerMinute, int? tokensPerMinute)
        : base(innerClient)
    {
        _requests = requestsPerMinute is { } requests ? PerMinute(requests) : null;
        _tokensPerMinute = tokensPerMinute ?? 0;
        _tokens = tokensPerMinute is { } tokens ? PerMinute(tokens) : null;
    }

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var messageList = messages as IList<ChatMessage> ?? messages.ToList();
        using var leases = await AcquireAllAsync(messageList, options, cancellationToken);
        return await base.GetResponseAsync(messageList, options, cancellationToken);
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var messageList = messages as IList<ChatMessage> ?? messages.ToList();
        using var leases = await AcquireAllAsync(messageList, options, cancellationToken);
        await foreach (var update in base.GetStreamingResponseAsync(messageList, options, cancellationToken))
        {
            yield return update;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _requests?.Dispose();
            _tokens?.Dispose();
        }
        base.Dispose(disposing);
    }

    private static SlidingWindowRateLimiter PerMinute(int permits) => new(new SlidingWindowRateLimiterOptions
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        SegmentsPerWindow = 12,
        QueueLimit = int.MaxValue,
    });

    private async Task<Leases> AcquireAllAsync(
        IList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var leases = new Leases();
        try
        {
            if (_requests is not null)
            {
                leases.Add(await AcquireAsync(_requests, 1, cancellationToken));
            }
            if (_tokens is not null)
            {
                leases.Add(await AcquireAsync(_tokens, EstimateTokens(messages, options), cancellationToken));
            }
            return leases;
        }
        catch
        {
            leases.Dispose();
            throw;
        }
    }

    private static async Task<RateLimitLease> AcquireAsync(RateLimiter limiter, int permits, CancellationToken token)
    {
        var lease = await limiter.AcquireAsync(permits, token);
        return lease.IsAcquired
            ? lease
            : throw new InvalidOperationException($"the rate limiter refused {permits} permits");
    }

    private int EstimateTokens(IList<ChatMessage> messages, ChatOptions? options)
    {
        var promptTokens = messages.Sum(message => message.Text.Length) / CharactersPerToken;
        return Math.Clamp(promptTokens + (options?.MaxOutputTokens ?? 0), 1, _tokensPerMinute);
    }

    /// <summary>The leases one request holds, released together.</summary>
    private sealed class Leases : List<RateLimitLease>, IDisposable
    {
        public void Dispose() => ForEach(lease => lease.Dispose());
    }
}
