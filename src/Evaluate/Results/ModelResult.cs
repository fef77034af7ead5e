namespace SelfInstruct.Evaluate.Results;

/// <summary>One model's results.</summary>
/// <param name="Name">The model's name.</param>
/// <param name="Spec">Its checkpoint folder or endpoint.</param>
/// <param name="StoredPromptFormat">The fine-tuning format its checkpoint stores, or null.</param>
/// <param name="Overall">Metrics over all instances.</param>
/// <param name="PerCategory">Metrics per category, in order of first appearance.</param>
/// <param name="PerTask">Metrics per task, in set order.</param>
/// <param name="Classification">Accuracy and confusion matrix per classification task.</param>
/// <param name="EmptyPredictions">Predictions that were empty (scored 0 and counted).</param>
/// <param name="TruncatedPrompts">Prompts cut from the left to fit the context.</param>
/// <param name="LengthLimited">Answers that stopped at max new tokens or the context length.</param>
/// <param name="MeanOutputWords">Mean words per prediction.</param>
/// <param name="Judge">The judge's ratings, when a judge ran.</param>
public sealed record ModelResult(
    string Name,
    string Spec,
    string? StoredPromptFormat,
    GroupMetrics Overall,
    IReadOnlyList<GroupMetrics> PerCategory,
    IReadOnlyList<GroupMetrics> PerTask,
    IReadOnlyList<ClassificationMetrics> Classification,
    int EmptyPredictions,
    int TruncatedPrompts,
    int LengthLimited,
    double MeanOutputWords,
    JudgeCounts? Judge);
