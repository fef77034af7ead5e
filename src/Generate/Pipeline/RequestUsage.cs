using SelfInstruct.Backends;

namespace SelfInstruct.Generate.Pipeline;

/// <summary>
/// What the request layer has used in a run, safe for concurrent use: answered requests and their tokens by step
/// (the committed batches' included, so budgets hold across resumes) and the requests in flight. A request starts
/// only through <see cref="TryStart"/>, which checks the budget and counts the request in flight under one lock, so
/// two requests never both take the last one a budget allows.
/// </summary>
internal sealed class RequestUsage
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<GenerationStep, StepUsage> _byStep;
    private StepUsage _total;
    private int _inFlight;
    private TaskCompletionSource _changed = NewSignal();

    public RequestUsage(IReadOnlyDictionary<GenerationStep, StepUsage> committed)
    {
        _byStep = new SortedDictionary<GenerationStep, StepUsage>(committed.ToDictionary());
        _total = _byStep.Values.Aggregate(StepUsage.None, StepUsage.Add);
    }

    /// <summary>Answered requests and tokens by step.</summary>
    public IReadOnlyDictionary<GenerationStep, StepUsage> ByStep
    {
        get
        {
            lock (_lock)
            {
                return new SortedDictionary<GenerationStep, StepUsage>(_byStep);
            }
        }
    }

    /// <summary>Answered requests and tokens over every step, and the requests in flight, read together.</summary>
    public (StepUsage Total, int InFlight) Current
    {
        get
        {
            lock (_lock)
            {
                return (_total, _inFlight);
            }
        }
    }

    /// <summary>
    /// Counts a request in flight unless <paramref name="spent"/> says the budget is spent for what is answered and
    /// in flight now; false when it is.
    /// </summary>
    public bool TryStart(Func<StepUsage, int, bool> spent)
    {
        lock (_lock)
        {
            if (spent(_total, _inFlight))
            {
                return false;
            }
            _inFlight++;
        }
        Signal();
        return true;
    }

    /// <summary>
    /// Ends a request <see cref="TryStart"/> counted; <paramref name="reply"/> is null when it failed, and
    /// <paramref name="attempts"/> what it took either way.
    /// </summary>
    public void Finish(GenerationStep step, ModelReply? reply, TransportAttempts attempts)
    {
        lock (_lock)
        {
            _inFlight--;
            AddLocked(step, reply is null ? StepUsage.Retried(attempts) : StepUsage.Answered(reply, attempts));
        }
        Signal();
    }

    /// <summary>Counts a reply the journal already held: it was paid for, though not sent again.</summary>
    public void Reuse(GenerationStep step, ModelReply reply)
    {
        lock (_lock)
        {
            AddLocked(step, StepUsage.Answered(reply, TransportAttempts.First));
        }
        Signal();
    }

    /// <summary>A task that completes at the next change, for a reader that reports progress as it happens.</summary>
    public Task NextChangeAsync()
    {
        lock (_lock)
        {
            return _changed.Task;
        }
    }

    // Continuations run elsewhere, so a waiting reader never runs on the thread of the request that changed usage.
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void AddLocked(GenerationStep step, StepUsage usage)
    {
        _byStep[step] = _byStep.GetValueOrDefault(step, StepUsage.None) + usage;
        _total += usage;
    }

    private void Signal()
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            changed = _changed;
            _changed = NewSignal();
        }
        changed.SetResult();
    }
}
