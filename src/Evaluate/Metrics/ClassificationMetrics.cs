namespace SelfInstruct.Evaluate.Metrics;

/// <summary>
/// One classification task's metrics for one model; higher is better. A prediction counts as the label whose
/// SuperNI-normalized text it equals, otherwise as <see cref="OtherLabel"/>, which is always the last label.
/// </summary>
/// <param name="TaskId">The task.</param>
/// <param name="Labels">The gold labels in first-seen order, then <see cref="OtherLabel"/>.</param>
/// <param name="Accuracy">Share of instances whose predicted label is the gold one (micro accuracy), 0..1.</param>
/// <param name="MacroAccuracy">Mean over the gold labels present of the share of their instances predicted right,
/// 0..1.</param>
/// <param name="ConfusionMatrix">Counts, row = gold label, column = predicted label, both indexed as
/// <paramref name="Labels"/>.</param>
/// <param name="Count">Instances.</param>
public sealed record ClassificationMetrics(
    string TaskId,
    IReadOnlyList<string> Labels,
    double Accuracy,
    double MacroAccuracy,
    IReadOnlyList<IReadOnlyList<int>> ConfusionMatrix,
    int Count)
{
    /// <summary>The label of a prediction that matches no gold label.</summary>
    public const string OtherLabel = "(other)";
}
