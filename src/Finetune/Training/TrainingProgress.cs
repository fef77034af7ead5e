namespace SelfInstruct.Finetune.Training;

/// <summary>
/// What a run reports every logging step: step, epoch, mean training loss since the last report, the latest
/// validation loss, the learning rate, tokens per second (real tokens, padding excluded), elapsed time and ETA.
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
    TimeSpan? Eta);
