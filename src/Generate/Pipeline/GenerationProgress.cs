namespace SelfInstruct.Generate.Pipeline;

/// <summary>Where a run stands, reported as requests start and finish and after every committed batch.</summary>
/// <param name="Target">Instructions the run is to accept.</param>
/// <param name="Accepted">Instructions accepted so far, resumed ones included.</param>
/// <param name="AcceptedThisRun">Of those, accepted since this process started (for the rate and ETA).</param>
/// <param name="Instances">Instances kept so far.</param>
/// <param name="Rejections">Rejections and failures by <c>step.reason</c>.</param>
/// <param name="Usage">Requests and tokens by step.</param>
/// <param name="InFlight">Requests sent and not yet answered.</param>
/// <param name="Cost">Cost so far from the configured prices.</param>
/// <param name="Elapsed">Time since this process started the run.</param>
/// <param name="Rounds">With the Batch API, the committed rounds' figures.</param>
public sealed record GenerationProgress(
    int Target,
    int Accepted,
    int AcceptedThisRun,
    long Instances,
    IReadOnlyDictionary<string, long> Rejections,
    IReadOnlyDictionary<GenerationStep, StepUsage> Usage,
    int InFlight,
    double Cost,
    TimeSpan Elapsed,
    IReadOnlyList<RoundFigures>? Rounds = null)
{
    /// <summary>Usage summed over the steps.</summary>
    public StepUsage TotalUsage => Usage.Values.Aggregate(StepUsage.None, StepUsage.Add);
}
