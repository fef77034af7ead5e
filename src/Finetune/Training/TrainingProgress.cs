namespace SelfInstruct.Finetune.Training;

/// <summary>
/// What a run reports every logging step: step, epoch, mean training loss since the last report, the latest
/// validation loss, the learning rate, tokens per second (real tokens, padding excluded), elapsed time and ETA; under
/// fp16-mixed also the loss scale and the steps its overflows skipped so far.
/// </summary>
public sealed record TrainingProgress(
    int Step,
    int TotalSteps,
    double Epoch,
    double Loss,
    double? ValidationLoss,
    double LearningRate,
    double TokensPerSecond,
    TimeSpan Elapsed,
    TimeSpan? Eta)
{
    /// <summary>fp16-mixed's loss scale after this step; null in the other precisions.</summary>
    public double? LossScale { get; init; }

    /// <summary>Steps fp16-mixed skipped so far because their gradients overflowed; null in the other precisions.
    /// </summary>
    public int? SkippedSteps { get; init; }

    /// <summary>The run's peak resident memory above the process's at its start, in bytes; null off Linux.</summary>
    public long? PeakMemoryBytes { get; init; }
}
