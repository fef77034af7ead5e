namespace SelfInstruct.Generate.Pipeline;

/// <summary>
/// What a run has committed: the pool (seeds and accepted instructions), the accepted tasks and the counts. Built
/// from the journal on start, then extended one committed batch at a time.
/// </summary>
internal sealed class RunState
{
    private readonly List<string> _machineInstructions = [];
    private readonly List<GeneratedTask> _tasks = [];
    private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);
    private readonly SortedSet<int> _pending = [];
    private readonly List<RoundFigures> _rounds = [];
    private readonly GenerationConfig _config;

    private RunState(IReadOnlyList<string> seedInstructions, GenerationConfig config)
    {
        _config = config;
        SeedInstructions = seedInstructions;
        Pool = new SimilarityPool(mode: config.TextMode);
        SeedPool = new SimilarityPool(mode: config.TextMode);
        Pool.AddRange(seedInstructions);
        SeedPool.AddRange(seedInstructions);
        var keywords = config.Blacklist is null ? null : KeywordBlacklist.Read(config.Blacklist);
        var heuristics = new InstructionFilter(
            config.AlpacaKeywords || config.Style == GenerationStyle.Alpaca, config.TextMode, keywords);
        Filter = new BootstrapFilter(Pool, heuristics, config.SimilarityThreshold);
    }

    public IReadOnlyList<string> SeedInstructions { get; }

    public IReadOnlyList<string> MachineInstructions => _machineInstructions;

    public IReadOnlyList<GeneratedTask> Tasks => _tasks;

    /// <summary>Accepted tasks a request of which got no answer yet, in order of acceptance.</summary>
    public IReadOnlyList<GeneratedTask> Pending => _pending.Select(position => _tasks[position]).ToList();

    /// <summary>How many accepted tasks are pending, read on every progress report.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Seeds and accepted instructions: what a new instruction must differ from.</summary>
    public SimilarityPool Pool { get; }

    /// <summary>The seeds alone, for each new instruction's similarity to its closest seed.</summary>
    public SimilarityPool SeedPool { get; }

    /// <summary>The bootstrap filter over <see cref="Pool"/>; it adds what it accepts.</summary>
    public BootstrapFilter Filter { get; }

    public GenerationCounts Total { get; } = new();

    public int NextBatch { get; private set; }

    public int BatchesWithoutProgress { get; private set; }

    public long Instances { get; private set; }

    /// <summary>The committed Batch API rounds' figures, in order.</summary>
    public IReadOnlyList<RoundFigures> Rounds => _rounds;

    /// <summary>The state after every batch the journal holds.</summary>
    public static RunState Replay(
        IReadOnlyList<string> seedInstructions, IReadOnlyList<BatchRecord> batches, GenerationConfig config)
    {
        var state = new RunState(seedInstructions, config);
        foreach (var batch in batches)
        {
            state.Commit(batch, addToPool: true);
        }
        return state;
    }

    /// <summary>Takes in a finished batch. Live batches already added their instructions through the filter.</summary>
    public void Commit(BatchRecord batch, bool addToPool)
    {
        foreach (var task in batch.Tasks)
        {
            if (addToPool)
            {
                Pool.Add(task.Instruction);
            }
            _machineInstructions.Add(task.Instruction);
            _positions[task.Id] = _tasks.Count;
            Track(_tasks.Count, task);
            _tasks.Add(task);
            Instances += task.Instances.Count;
        }
        var resolved = 0;
        foreach (var task in batch.Resolved ?? [])
        {
            var position = _positions[task.Id];
            Instances += task.Instances.Count - _tasks[position].Instances.Count;
            _tasks[position] = task;
            Track(position, task);
            resolved += task.PendingStep is null ? 1 : 0;
        }
        Total.Add(batch.Rejections, batch.Usage);
        if (batch.WallSeconds is { } wallSeconds)
        {
            var usage = batch.Usage.Values.Aggregate(StepUsage.None, StepUsage.Add);
            _rounds.Add(new RoundFigures(batch.Index, usage.Requests,
                _config.CostOf(usage.InputTokens, usage.OutputTokens), TimeSpan.FromSeconds(wallSeconds)));
        }
        NextBatch = batch.Index + 1;
        BatchesWithoutProgress = batch.Tasks.Count == 0 && resolved == 0 ? BatchesWithoutProgress + 1 : 0;
    }

    private void Track(int position, GeneratedTask task)
    {
        if (task.PendingStep is null)
        {
            _pending.Remove(position);
        }
        else
        {
            _pending.Add(position);
        }
    }
}
