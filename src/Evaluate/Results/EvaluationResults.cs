namespace SelfInstruct.Evaluate.Results;

/// <summary>Everything an evaluation computed: the content of results.json, from which reports are built.</summary>
/// <param name="SchemaVersion">Bumped when a field changes meaning.</param>
/// <param name="Config">The resolved settings.</param>
/// <param name="Set">The evaluation set.</param>
/// <param name="Prompt">The prompt style every model was asked with.</param>
/// <param name="PromptReason">Why that style.</param>
/// <param name="Decoding">The decoding settings, the same for every model.</param>
/// <param name="Models">Per-model results, in the order given; the first is the baseline.</param>
/// <param name="Comparisons">Every other model against the baseline.</param>
public sealed record EvaluationResults(
    string SchemaVersion,
    EvaluationConfig Config,
    SetSummary Set,
    PromptStyle Prompt,
    string PromptReason,
    DecodingSettings Decoding,
    IReadOnlyList<ModelResult> Models,
    IReadOnlyList<ModelComparison> Comparisons)
{
    /// <summary>The current schema version.</summary>
    public const string CurrentSchemaVersion = "1";

    /// <summary>The comparison of <paramref name="candidate"/> with the baseline, or null.</summary>
    public ModelComparison? Comparison(string candidate) =>
        Comparisons.FirstOrDefault(comparison => comparison.Candidate == candidate);
}
