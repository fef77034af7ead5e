using Microsoft.Extensions.Logging;
using SelfInstruct.Backends;

namespace SelfInstruct.Generate.Batch;

/// <summary>
/// Answers the pipeline's requests through the Batch API. A step queues its requests with <see cref="Enqueue"/>
/// and sends them with <see cref="SubmitQueuedAsync"/>: one JSONL input uploaded, one batch created over it, then
/// polled with backoff until it is final. Every submission and change of status is journaled, and so is every
/// answer before it is used, so a resumed run polls a batch it submitted instead of paying for it again. An expired
/// batch's answered lines are used and the rest submitted again; a line that failed answers with its reason.
/// </summary>
internal sealed class BatchApiRequests
{
    // Batches take minutes to hours; polling is free, so the wait only grows to a minute.
    private static readonly TimeSpan _firstPoll = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan _longestPoll = TimeSpan.FromMinutes(1);

    private readonly OpenAIBatchApi _api;
    private readonly GenerationJournal _journal;
    private readonly GenerationConfig _config;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _openBatchByKey;
    private List<Waiting> _queued = [];

    /// <param name="api">The server's Files and Batches API.</param>
    /// <param name="journal">Where submissions, changes of status and answers are recorded.</param>
    /// <param name="journaled">The journal's API batch entries of the round cut short, if one was.</param>
    /// <param name="config">The model and API the lines are for.</param>
    /// <param name="time">Waits between polls.</param>
    /// <param name="logger">Logs submissions and changes of status.</param>
    public BatchApiRequests(OpenAIBatchApi api, GenerationJournal journal, IReadOnlyList<ApiBatchRecord> journaled,
        GenerationConfig config, TimeProvider time, ILogger logger)
    {
        _api = api;
        _journal = journal;
        _config = config;
        _time = time;
        _logger = logger;
        _openBatchByKey = OpenBatches(journaled);
    }

    /// <summary>Queues a request, answered once the batch <see cref="SubmitQueuedAsync"/> sends is final.</summary>
    public Task<BatchAnswer> Enqueue(BatchRequest request)
    {
        var waiting = new Waiting(request, new TaskCompletionSource<BatchAnswer>(
            TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_lock)
        {
            _queued.Add(waiting);
        }
        return waiting.Answer.Task;
    }

    /// <summary>
    /// Sends what is queued: requests a batch of an earlier run holds wait on that batch, the others go into a new
    /// one; returns when every one of them has its answer.
    /// </summary>
    public async Task SubmitQueuedAsync(CancellationToken cancellationToken)
    {
        List<Waiting> queued;
        lock (_lock)
        {
            (queued, _queued) = (_queued, []);
        }
        try
        {
            var byBatch = queued.GroupBy(waiting => waiting.Request.Key, StringComparer.Ordinal)
                .Select(group => group.ToList())
                .GroupBy(group => TakeOpenBatch(group[0].Request.Key))
                .ToList();
            await Task.WhenAll(byBatch.Select(batch => batch.Key is { } id
                ? PollAsync(id, batch.ToList(), cancellationToken)
                : SubmitAsync(batch.ToList(), cancellationToken)));
        }
        catch (Exception exception)
        {
            // Whatever still waits would wait forever; it fails with the run.
            foreach (var waiting in queued)
            {
                waiting.Answer.TrySetException(exception);
            }
            throw;
        }
    }

    // The earlier run's batches that are not consumed yet, by the keys they hold.
    private static Dictionary<string, string> OpenBatches(IReadOnlyList<ApiBatchRecord> journaled)
    {
        var consumed = journaled.Where(record => record.Status == ApiBatchRecord.Consumed)
            .Select(record => record.Id).ToHashSet(StringComparer.Ordinal);
        var open = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var submission in journaled.Where(record => record.Keys is not null && !consumed.Contains(record.Id)))
        {
            foreach (var key in submission.Keys!)
            {
                open[key] = submission.Id;
            }
        }
        return open;
    }

    // A key is polled for in an earlier batch once: asked again, it goes into a new batch.
    private string? TakeOpenBatch(string key)
    {
        lock (_lock)
        {
            return _openBatchByKey.Remove(key, out var id) ? id : null;
        }
    }

    private async Task SubmitAsync(IReadOnlyList<List<Waiting>> requests, CancellationToken cancellationToken)
    {
        var keys = requests.Select(group => group[0].Request.Key).ToList();
        var jsonl = BatchInput.Jsonl(requests.Select(group => group[0].Request), _config.Model, _config.Api);
        var fileId = await _api.UploadAsync(jsonl, $"selfinstruct-{keys[0][..16]}.jsonl", cancellationToken);
        // Not cancelled once started, and journaled whatever happens to the run then: a batch the journal did not
        // know of would be paid for twice.
        var created = await _api.CreateAsync(fileId, BatchInput.EndpointPath(_config.Api), CancellationToken.None);
        await _journal.AppendAsync(new ApiBatchRecord(created.Id, created.Status, fileId, keys),
            CancellationToken.None);
        _logger.BatchSubmitted(created.Id, keys.Count, fileId);
        await PollAsync(created.Id, requests, cancellationToken);
    }

    private async Task PollAsync(string batchId, IReadOnlyList<List<Waiting>> requests,
        CancellationToken cancellationToken)
    {
        var wait = _firstPoll;
        string? seen = null;
        OpenAIBatchStatus status;
        while (true)
        {
            status = await _api.GetAsync(batchId, cancellationToken);
            if (status.Status != seen)
            {
                await _journal.AppendAsync(new ApiBatchRecord(status.Id, status.Status,
                    OutputFileId: status.OutputFileId, ErrorFileId: status.ErrorFileId), cancellationToken);
                _logger.BatchStatus(status.Id, status.Status);
                seen = status.Status;
            }
            if (status.IsFinal)
            {
                break;
            }
            await Task.Delay(wait, _time, cancellationToken);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, _longestPoll.Ticks));
        }
        var unanswered = await ConsumeAsync(status, requests, cancellationToken);
        if (unanswered.Count > 0)
        {
            _logger.BatchResubmitting(status.Id, status.Status, unanswered.Count);
            await SubmitAsync(unanswered, cancellationToken);
        }
    }

    // Journals the final batch's answers, then the batch as consumed, then answers the requests; returns those a
    // batch that ended early left unanswered.
    private async Task<List<List<Waiting>>> ConsumeAsync(
        OpenAIBatchStatus status, IReadOnlyList<List<Waiting>> requests, CancellationToken cancellationToken)
    {
        var output = status.OutputFileId is { } outputId ? await _api.DownloadAsync(outputId, cancellationToken) : null;
        var errors = status.ErrorFileId is { } errorId ? await _api.DownloadAsync(errorId, cancellationToken) : null;
        var answers = BatchOutput.Read(status.Id, output, errors, _config.Api);
        var asked = requests.Select(group => group[0].Request).DistinctBy(request => request.Key)
            .ToDictionary(request => request.Key, StringComparer.Ordinal);
        foreach (var (key, answer) in answers)
        {
            if (answer.Reply is { } reply)
            {
                var request = asked.GetValueOrDefault(key);
                await _journal.AppendAsync(reply with { Step = request?.Step, Prompt = request?.Prompt },
                    CancellationToken.None);
            }
        }
        await _journal.AppendAsync(new ApiBatchRecord(status.Id, ApiBatchRecord.Consumed), CancellationToken.None);
        if (status.Status is "failed" or "cancelled")
        {
            throw new BackendException(BackendException.BadRequest, $"batch {status.Id} {status.Status}" +
                $"{(status.Errors is { } why ? $": {why}" : "")}; a rerun submits what it did not answer again",
                isFatal: true);
        }
        var unanswered = new List<List<Waiting>>();
        foreach (var group in requests)
        {
            if (answers.TryGetValue(group[0].Request.Key, out var answer))
            {
                group.ForEach(waiting => waiting.Answer.TrySetResult(answer));
            }
            else if (status.Status == "expired")
            {
                unanswered.Add(group);
            }
            else
            {
                group.ForEach(waiting => waiting.Answer.TrySetResult(BatchAnswer.Failed(BatchOutput.FailedLine)));
            }
        }
        return unanswered;
    }

    private sealed record Waiting(BatchRequest Request, TaskCompletionSource<BatchAnswer> Answer);
}
