namespace SelfInstruct.Core.Rouge;

/// <summary>ROUGE-L of a prediction against a target. All three values lie in 0..1; higher is better.</summary>
/// <param name="Precision">LCS length over the prediction's token count.</param>
/// <param name="Recall">LCS length over the target's token count.</param>
/// <param name="FMeasure">Harmonic mean of precision and recall.</param>
public readonly record struct RougeLScore(double Precision, double Recall, double FMeasure)
{
    /// <summary>The score of an empty side: everything zero.</summary>
    public static RougeLScore Zero { get; }

    /// <summary>
    /// The score from token counts, in rouge_score's exact order of double arithmetic, so the bits match:
    /// <c>p = lcs / prediction</c>, <c>r = lcs / target</c>, <c>f = 2 * p * r / (p + r)</c>.
    /// </summary>
    public static RougeLScore FromCounts(int lcsLength, int predictionLength, int targetLength)
    {
        if (predictionLength == 0 || targetLength == 0)
        {
            return Zero;
        }
        var precision = lcsLength / (double)predictionLength;
        var recall = lcsLength / (double)targetLength;
        return new RougeLScore(precision, recall, HarmonicMean(precision, recall));
    }

    /// <summary>rouge_score's <c>fmeasure</c>: 0 when both are 0.</summary>
    public static double HarmonicMean(double precision, double recall) =>
        precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
}
