using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace SelfInstruct.Evaluate.Evaluators;

/// <summary>
/// SuperNI's ROUGE-L as a Microsoft.Extensions.AI.Evaluation evaluator: the response's ROUGE-L F (rouge_score
/// tokens, Porter-stemmed, on the raw strings) against each reference of a <see cref="SuperNiReferencesContext"/>,
/// the max over them, 0..1, higher is better; the same code (<see cref="SuperNiMetric"/>) as
/// <c>selfinstruct evaluate</c> and <c>selfinstruct rouge --superni</c>. The interpretation rates F at least 0.8
/// exceptional, 0.6 good, 0.4 average, 0.2 poor, else unacceptable, and fails F below 0.5. In
/// <see cref="TextMode.Unicode"/> the tokens are any script's, unstemmed: our extension, not SuperNI's metric.
/// </summary>
/// <param name="mode">How texts become tokens; English is SuperNI's metric exactly.</param>
public sealed class SuperNiRougeLEvaluator(TextMode mode = TextMode.English) : IEvaluator
{
    /// <summary>The metric's name.</summary>
    public const string RougeLMetricName = "SuperNI ROUGE-L";

    /// <summary>F below this fails.</summary>
    public const double PassingScore = 0.5;

    /// <inheritdoc />
    public IReadOnlyCollection<string> EvaluationMetricNames => [RougeLMetricName];

    /// <inheritdoc />
    public ValueTask<EvaluationResult> EvaluateAsync(IEnumerable<ChatMessage> messages, ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null, IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SuperNiEvaluation.Evaluate(RougeLMetricName, modelResponse, additionalContext, mode,
            score => score.RougeL, Interpret));

    /// <summary>How a ROUGE-L F reads: its rating, and failed below <see cref="PassingScore"/>.</summary>
    public static EvaluationMetricInterpretation Interpret(double rougeL)
    {
        var rating = rougeL switch
        {
            >= 0.8 => EvaluationRating.Exceptional,
            >= 0.6 => EvaluationRating.Good,
            >= 0.4 => EvaluationRating.Average,
            >= 0.2 => EvaluationRating.Poor,
            _ => EvaluationRating.Unacceptable,
        };
        var failed = rougeL < PassingScore;
        return new EvaluationMetricInterpretation(rating, failed,
            $"ROUGE-L F {rougeL.ToString("0.###", CultureInfo.InvariantCulture)} " +
            (failed ? "is below" : "reaches") + $" the passing {PassingScore.ToString(CultureInfo.InvariantCulture)}");
    }
}
