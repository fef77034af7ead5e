namespace SelfInstruct.Finetune.Training;

/// <summary>
/// A finished run: what it wrote (the tuned checkpoint folder, a plain Hugging Face checkpoint with its prompt format;
/// <c>metrics.jsonl</c>; <c>loss.png</c>; the settings file), the steps taken in all (resumed ones included), the
/// first and last training loss, the last validation loss (null without a validation split), real tokens trained,
/// what encoding did to the training examples, and the padding share.
/// </summary>
public sealed record FinetuneResult(
    string CheckpointFolder,
    string MetricsFile,
    string LossPlotFile,
    string SettingsFile,
    int Steps,
    double FirstLoss,
    double LastLoss,
    double? ValidationLoss,
    long TokensTrained,
    EncodingCounts Examples,
    int ValidationExamples,
    double PaddingFraction,
    TimeSpan Elapsed);
