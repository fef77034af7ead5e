using System.Diagnostics;

namespace SelfInstruct.Generate.Pipeline;

/// <summary>
/// Builds a run's <see cref="GenerationProgress"/>: the committed state, the rejections of the batch in progress,
/// and the usage the request layer counts. Each snapshot is built when it is reported, from what it reads then.
/// </summary>
internal sealed class RunProgress(GenerationConfig config, RunState state, RequestUsage usage)
{
    private static readonly Dictionary<GenerationStep, StepUsage> _noUsage = [];

    private readonly int _acceptedAtStart = state.Tasks.Count;
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();

    /// <summary>Where the run stands; <paramref name="current"/> is the batch in progress, if one is.</summary>
    public GenerationProgress Snapshot(GenerationCounts? current = null)
    {
        var counts = new GenerationCounts();
        counts.Add(state.Total.Rejections, _noUsage);
        counts.Reject(GenerationStep.Instances, BatchRunner.FailedAfterRetries, state.PendingCount);
        if (current is not null)
        {
            counts.Add(current.Rejections, _noUsage);
        }
        var byStep = usage.ByStep;
        var (total, inFlight) = usage.Current;
        return new GenerationProgress(config.NumInstructions, state.Tasks.Count, state.Tasks.Count - _acceptedAtStart,
            state.Instances, counts.Rejections, byStep, inFlight, config.CostOf(total.InputTokens, total.OutputTokens),
            _stopwatch.Elapsed, [.. state.Rounds]);
    }

    /// <summary>
    /// Reports a snapshot now and after every change of usage until <paramref name="batch"/> completes; changes that
    /// come faster than snapshots are built share one.
    /// </summary>
    public async Task ReportUntilDoneAsync(Task batch, GenerationCounts current, IProgress<GenerationProgress> progress)
    {
        while (!batch.IsCompleted)
        {
            // Taken before the snapshot is built, so a change while it is built wakes the loop again.
            var changed = usage.NextChangeAsync();
            progress.Report(Snapshot(current));
            await Task.WhenAny(batch, changed);
        }
    }
}
