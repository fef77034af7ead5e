using SelfInstruct.Model.Generation;

namespace SelfInstruct.Model.Chat;

/// <summary>
/// Queues single-prompt requests and runs those that wait together as one batch: whenever the turn is free, the
/// oldest waiting request and up to <see cref="MaxBatchSize"/> − 1 later ones with equal generation options go
/// through <see cref="TextGenerator.Generate"/> at once, each caller getting its own row. A caller that cancels
/// stops waiting and its row is discarded; the batch stops only when every caller in it has cancelled. Only greedy
/// requests share a batch, where each row equals its answer alone; a sampled request runs alone, since rows of one
/// batch share its seeded <see cref="Random"/> and a seed must repeat an answer whatever else is queued.
/// </summary>
internal sealed class RequestBatcher(TextGenerator generator, SemaphoreSlim turn)
{
    /// <summary>The most requests generated as one batch.</summary>
    public const int MaxBatchSize = 8;

    private static readonly IReadOnlyList<string> _noStops = [];

    private readonly Lock _lock = new();
    private readonly List<PendingRequest> _pending = [];
    private bool _draining;
    private int _batchCount;

    /// <summary>How many batches have been generated so far; fewer than requests when some ran together.</summary>
    public int BatchCount => Volatile.Read(ref _batchCount);

    /// <summary>How many requests wait for a batch.</summary>
    public int PendingCount
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Completes <paramref name="prompt"/>, in a batch with other waiting requests of equal options.</summary>
    /// <exception cref="OperationCanceledException">Cancelled while waiting or while generating.</exception>
    public async Task<GeneratedText> CompleteAsync(
        string prompt, GenerationOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var request = new PendingRequest(prompt, options, cancellationToken);
        bool startDrain;
        lock (_lock)
        {
            _pending.Add(request);
            startDrain = !_draining;
            _draining = true;
        }
        if (startDrain)
        {
            // The drain never throws: every failure is handed to the callers through their results.
            _ = Task.Run(DrainAsync, CancellationToken.None);
        }
        return await request.Result.Task.WaitAsync(cancellationToken);
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            await turn.WaitAsync(CancellationToken.None);
            try
            {
                var batch = TakeBatch();
                if (batch.Count == 0)
                {
                    return;
                }
                Run(batch);
            }
            finally
            {
                turn.Release();
            }
        }
    }

    /// <summary>The oldest live request and later ones with equal options; none ends the drain.</summary>
    private List<PendingRequest> TakeBatch()
    {
        lock (_lock)
        {
            foreach (var cancelled in _pending.Where(request => request.CancellationToken.IsCancellationRequested))
            {
                cancelled.Result.TrySetCanceled(cancelled.CancellationToken);
            }
            _pending.RemoveAll(request => request.CancellationToken.IsCancellationRequested);
            if (_pending.Count == 0)
            {
                _draining = false;
                return [];
            }
            var first = _pending[0];
            var batch = first.Options.Temperature > 0
                ? [first]
                : _pending.Where(request => SameOptions(request.Options, first.Options)).Take(MaxBatchSize).ToList();
            _pending.RemoveAll(batch.Contains);
            _batchCount++;
            return batch;
        }
    }

    private void Run(IReadOnlyList<PendingRequest> batch)
    {
        try
        {
            var results = Generate(batch);
            for (var row = 0; row < batch.Count; row++)
            {
                batch[row].Result.TrySetResult(results[row]);
            }
        }
        catch (Exception failure) when (batch.Count > 1 && failure is not OperationCanceledException)
        {
            // One bad prompt (say, over the context length) must not fail the others: each runs alone, so the
            // failure reaches only its own caller.
            foreach (var request in batch)
            {
                Run([request]);
            }
        }
        catch (OperationCanceledException)
        {
            foreach (var request in batch)
            {
                request.Result.TrySetCanceled(request.CancellationToken);
            }
        }
        catch (Exception failure) when (batch.Count == 1)
        {
            batch[0].Result.TrySetException(failure);
        }
    }

    private IReadOnlyList<GeneratedText> Generate(IReadOnlyList<PendingRequest> batch)
    {
        using var stop = new CancellationTokenSource();
        var live = batch.Count;
        var registrations = batch.Select(request => request.CancellationToken.Register(() =>
        {
            if (Interlocked.Decrement(ref live) == 0)
            {
                stop.Cancel();
            }
        })).ToList();
        try
        {
            return generator.Generate([.. batch.Select(request => request.Prompt)], batch[0].Options, null,
                stop.Token);
        }
        finally
        {
            // Unregistering waits for a running callback, so none touches the disposed source.
            registrations.ForEach(registration => registration.Dispose());
        }
    }

    /// <summary>Record equality, but stop sequences compared by content rather than by list reference.</summary>
    private static bool SameOptions(GenerationOptions left, GenerationOptions right) =>
        left with { StopSequences = _noStops } == right with { StopSequences = _noStops }
        && left.StopSequences.SequenceEqual(right.StopSequences);

    private sealed class PendingRequest(string prompt, GenerationOptions options, CancellationToken cancellationToken)
    {
        public string Prompt => prompt;

        public GenerationOptions Options => options;

        public CancellationToken CancellationToken => cancellationToken;

        public TaskCompletionSource<GeneratedText> Result { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
