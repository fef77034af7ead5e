namespace SelfInstruct.Evaluate.Sets;

/// <summary>A task of the evaluation set: its instruction (SuperNI's definition), category and instances.</summary>
/// <param name="Id">The task name, such as <c>task1344_glue_entailment_classification</c>.</param>
/// <param name="Category">The category, such as <c>Textual Entailment</c>.</param>
/// <param name="Instruction">The definition or instruction.</param>
/// <param name="Demonstrations">Positive examples for few-shot prompts; may be empty.</param>
/// <param name="Instances">The instances evaluated, in file order.</param>
/// <param name="Labels">The label set of a classification task (see <see cref="ClassificationLabels"/>), else null.
/// </param>
public sealed record EvaluationTask(
    string Id,
    string Category,
    string Instruction,
    IReadOnlyList<Demonstration> Demonstrations,
    IReadOnlyList<EvaluationInstance> Instances,
    IReadOnlyList<string>? Labels)
{
    private const int MaxLabels = 10;

    /// <summary>
    /// The label set when a task is a classification task, judged on all its instances (not only those evaluated),
    /// else null: every instance has one reference and the distinct references (after SuperNI's answer
    /// normalization) number 2..10 and at most a third of the instances. Labels are the references as first written.
    /// </summary>
    public static IReadOnlyList<string>? ClassificationLabels(IReadOnlyList<EvaluationInstance> instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        if (instances.Any(instance => instance.References.Count != 1))
        {
            return null;
        }
        var labels = instances.Select(instance => instance.References[0])
            .DistinctBy(SuperNiMetric.NormalizeAnswer, StringComparer.Ordinal)
            .ToList();
        return labels.Count >= 2 && labels.Count <= Math.Min(MaxLabels, instances.Count / 3) ? labels : null;
    }
}
