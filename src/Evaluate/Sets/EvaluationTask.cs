using SelfInstruct.Core.Rouge;

namespace SelfInstruct.Evaluate.Sets;

/// <summary>A task of the evaluation set: its instruction (SuperNI's definition), category and instances.</summary>
/// <param name="Id">The task name, such as <c>task1344_glue_entailment_classification</c>.</param>
/// <param name="Category">The category, such as <c>Textual Entailment</c>.</param>
/// <param name="Instruction">The definition or instruction.</param>
/// <param name="Demonstrations">Positive examples for few-shot prompts; may be empty.</param>
/// <param name="Instances">The instances, in file order.</param>
public sealed record EvaluationTask(
    string Id,
    string Category,
    string Instruction,
    IReadOnlyList<Demonstration> Demonstrations,
    IReadOnlyList<EvaluationInstance> Instances)
{
    private const int MaxLabels = 10;

    /// <summary>
    /// The label set when this is a classification task, else null: every instance has one reference and the
    /// distinct references (after SuperNI's answer normalization) number 2..10 and at most a third of the instances.
    /// Labels are the references as first written.
    /// </summary>
    public IReadOnlyList<string>? Labels()
    {
        if (Instances.Any(instance => instance.References.Count != 1))
        {
            return null;
        }
        var labels = Instances.Select(instance => instance.References[0])
            .DistinctBy(SuperNiMetric.NormalizeAnswer, StringComparer.Ordinal)
            .ToList();
        return labels.Count >= 2 && labels.Count <= Math.Min(MaxLabels, Instances.Count / 3) ? labels : null;
    }
}
