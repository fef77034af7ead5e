using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace SelfInstruct.Evaluate.Evaluators;

/// <summary>What both SuperNI evaluators share: scoring a response with <see cref="SuperNiMetric"/> into a metric.
/// </summary>
internal static class SuperNiEvaluation
{
    /// <summary>
    /// The metric named <paramref name="name"/> holding <paramref name="pick"/> of the response's SuperNI score, or no
    /// value and an error diagnostic when no <see cref="SuperNiReferencesContext"/> was given.
    /// </summary>
    public static EvaluationResult Evaluate(string name, ChatResponse response,
        IEnumerable<EvaluationContext>? additionalContext, TextMode mode, Func<SuperNiScore, double> pick,
        Func<double, EvaluationMetricInterpretation> interpret)
    {
        ArgumentNullException.ThrowIfNull(response);
        var metric = new NumericMetric(name);
        metric.AddOrUpdateMetadata("text_mode", EnumNames.Name(mode));
        if (additionalContext?.OfType<SuperNiReferencesContext>().FirstOrDefault() is not { } context)
        {
            metric.AddDiagnostics(EvaluationDiagnostic.Error(
                $"{name} needs the references: pass a {nameof(SuperNiReferencesContext)} in additionalContext"));
            return new EvaluationResult(metric);
        }
        var value = pick(SuperNiMetric.Score(response.Text, context.References, mode));
        metric.Value = value;
        metric.Interpretation = interpret(value);
        metric.AddOrUpdateContext(context);
        return new EvaluationResult(metric);
    }
}
