using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SelfInstruct.Backends;

namespace SelfInstruct.Generate.Pipeline;

/// <summary>
/// Sends the pipeline's requests: at most the configured number in flight (the one concurrency limit between the
/// pipeline and any backend), each reply journaled before it is used, replies already in the journal reused without
/// a request, budgets checked inside a request's slot before sending. A failed request is counted by reason and
/// yields null; a fatal backend failure (a refused key) ends the run. <see cref="Usage"/> counts what was used.
/// With the Batch API, a request is queued instead of sent, and a step's requests go out together when
/// <see cref="AllAsync"/> awaits them.
/// </summary>
internal sealed class ModelRequests(
    IChatClient client,
    GenerationJournal journal,
    IReadOnlyList<ModelReply> journaled,
    IReadOnlyDictionary<GenerationStep, StepUsage> committedUsage,
    GenerationConfig config,
    ILogger logger,
    BatchApiRequests? batchApi = null) : IDisposable
{
    /// <summary>A request not sent because the request or cost budget is spent.</summary>
    public const string OverBudget = "over_budget";

    private readonly SemaphoreSlim _slots = new(config.Concurrency, config.Concurrency);
    private readonly Dictionary<string, ModelReply> _journaled = journaled
        .GroupBy(reply => reply.Key, StringComparer.Ordinal)
        .ToDictionary(group => group.Key, group => group.Last(), StringComparer.Ordinal);

    /// <summary>Requests and tokens used in the run (committed batches included) and requests in flight.</summary>
    public RequestUsage Usage { get; } = new(committedUsage);

    /// <summary>Whether the request or cost budget is spent, counting requests in flight as sent.</summary>
    public bool BudgetSpent(out StopReason reason)
    {
        var (used, inFlight) = Usage.Current;
        return Spent(used, inFlight, out reason);
    }

    /// <summary>The reply to a prompt, or null when the request failed or was over budget (counted).</summary>
    public async Task<ModelReply?> SendAsync(
        GenerationStep step, string prompt, ChatOptions options, GenerationCounts batch, CancellationToken token)
    {
        var key = KeyOf(step, prompt, options);
        if (_journaled.TryGetValue(key, out var known))
        {
            batch.Use(step, known, TransportAttempts.First);
            Usage.Reuse(step, known);
            return known;
        }
        if (batchApi is not null)
        {
            return await SendInBatchAsync(batchApi, new BatchRequest(key, step, prompt, options), batch);
        }
        await _slots.WaitAsync(token);
        // Checked inside the slot: at most the configured number of requests pass before earlier ones report usage.
        if (!Usage.TryStart((used, inFlight) => Spent(used, inFlight, out _)))
        {
            _slots.Release();
            batch.Reject(step, OverBudget);
            return null;
        }
        ModelReply? answered = null;
        var attempts = TransportAttempts.First;
        try
        {
            (var reply, attempts) = await AskAsync(step, key, prompt, options, batch, token);
            if (reply is null)
            {
                batch.Failed(step, attempts);
                return null;
            }
            await journal.AppendAsync(reply, token);
            batch.Use(step, reply, attempts);
            answered = reply;
            return reply;
        }
        finally
        {
            Usage.Finish(step, answered, attempts);
            _slots.Release();
        }
    }

    /// <summary>Awaits a step's requests; with the Batch API, those they queued go out as one batch first.</summary>
    public async Task<T[]> AllAsync<T>(IEnumerable<Task<T>> sends, CancellationToken token)
    {
        var started = sends.ToList();
        if (batchApi is not null)
        {
            await batchApi.SubmitQueuedAsync(token);
        }
        return await Task.WhenAll(started);
    }

    public void Dispose() => _slots.Dispose();

    // Queued, not sent, so it takes no slot; the batch journals its answer before it comes back.
    private async Task<ModelReply?> SendInBatchAsync(
        BatchApiRequests batchApi, BatchRequest request, GenerationCounts batch)
    {
        if (!Usage.TryStart((used, inFlight) => Spent(used, inFlight, out _)))
        {
            batch.Reject(request.Step, OverBudget);
            return null;
        }
        ModelReply? answered = null;
        try
        {
            var answer = await batchApi.Enqueue(request);
            if (answer.Reply is null)
            {
                batch.Reject(request.Step, answer.Failure!);
                batch.Failed(request.Step, TransportAttempts.First);
                return null;
            }
            batch.Use(request.Step, answer.Reply, TransportAttempts.First);
            return answered = answer.Reply;
        }
        finally
        {
            Usage.Finish(request.Step, answered, TransportAttempts.First);
        }
    }

    private bool Spent(StepUsage used, int inFlight, out StopReason reason)
    {
        reason = StopReason.MaxRequests;
        if (config.MaxRequests is { } maxRequests && used.Requests + inFlight >= maxRequests)
        {
            return true;
        }
        reason = StopReason.MaxCost;
        return config.MaxCost is { } maxCost && config.CostOf(used.InputTokens, used.OutputTokens) >= maxCost;
    }

    private async Task<(ModelReply? Reply, TransportAttempts Attempts)> AskAsync(
        GenerationStep step, string key, string prompt, ChatOptions options, GenerationCounts batch,
        CancellationToken token)
    {
        try
        {
            var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], options, token);
            logger.Exchange(step, prompt, response.Text);
            var reply = new ModelReply(
                key,
                response.Text,
                response.FinishReason == ChatFinishReason.Length,
                response.Usage?.InputTokenCount ?? 0,
                response.Usage?.OutputTokenCount ?? 0,
                step,
                prompt);
            return (reply, TransportAttempts.Of(response));
        }
        catch (BackendException exception) when (!exception.IsFatal)
        {
            logger.RequestFailed(step, exception.Reason, exception.Message);
            batch.Reject(step, exception.Reason);
            return (null, exception.Attempts ?? TransportAttempts.First);
        }
    }

    // The same step, model, decoding options and prompt give the same key, in this run and the next.
    private string KeyOf(GenerationStep step, string prompt, ChatOptions options) => Fingerprint.Of(
        FingerprintPart.Text(step.ToString()),
        FingerprintPart.Text(config.Model),
        FingerprintPart.Settings(new
        {
            options.Temperature,
            options.TopP,
            options.PresencePenalty,
            options.MaxOutputTokens,
            options.StopSequences,
        }),
        FingerprintPart.Text(prompt));
}
