using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace SelfInstruct.Evaluate.Evaluators;

/// <summary>
/// SuperNI's exact match as a Microsoft.Extensions.AI.Evaluation evaluator: 1 when the response equals a reference
/// of a <see cref="SuperNiReferencesContext"/> after SuperNI's normalization (lower-cased, ASCII punctuation removed,
/// whitespace collapsed), else 0; higher is better; the same code (<see cref="SuperNiMetric"/>) as
/// <c>selfinstruct evaluate</c>. 1 is exceptional, 0 unacceptable and failed. In <see cref="TextMode.Unicode"/> the
/// normalization is NFKC and drops punctuation and symbols of any script: our extension, not SuperNI's metric.
/// </summary>
/// <param name="mode">How texts are normalized; English is SuperNI's metric exactly.</param>
public sealed class SuperNiExactMatchEvaluator(TextMode mode = TextMode.English) : IEvaluator
{
    /// <summary>The metric's name.</summary>
    public const string ExactMatchMetricName = "SuperNI Exact Match";

    /// <inheritdoc />
    public IReadOnlyCollection<string> EvaluationMetricNames => [ExactMatchMetricName];

    /// <inheritdoc />
    public ValueTask<EvaluationResult> EvaluateAsync(IEnumerable<ChatMessage> messages, ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null, IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SuperNiEvaluation.Evaluate(ExactMatchMetricName, modelResponse, additionalContext, mode,
            score => score.ExactMatch, Interpret));

    /// <summary>How an exact match reads: 1 exceptional, 0 unacceptable and failed.</summary>
    public static EvaluationMetricInterpretation Interpret(double exactMatch) => exactMatch >= 1
        ? new EvaluationMetricInterpretation(EvaluationRating.Exceptional, false,
            "the response equals a reference after normalization")
        : new EvaluationMetricInterpretation(EvaluationRating.Unacceptable, true,
            "the response equals no reference after normalization");
}
