namespace SelfInstruct.Evaluate.Metrics;

/// <summary>
/// The difference candidate − baseline in a per-instance score (×100, so ROUGE-L points), with a paired bootstrap
/// over instances: each resample draws n instance indices with replacement and takes the mean difference over them,
/// the same draw for both models. Positive means the candidate is better.
/// </summary>
/// <param name="Mean">The observed mean difference over all instances.</param>
/// <param name="Lower">The 2.5th percentile of the resampled means.</param>
/// <param name="Upper">The 97.5th percentile of the resampled means.</param>
/// <param name="PValue">Two-sided: 2 × min(share of resampled means ≤ 0, share ≥ 0), each share counted as
/// (k + 1) / (R + 1), capped at 1. Identical models give 1; a difference never crossing 0 gives 2 / (R + 1).
/// </param>
/// <param name="Resamples">R, the number of resamples.</param>
/// <param name="Count">n, the paired instances.</param>
public sealed record PairedDifference(double Mean, double Lower, double Upper, double PValue, int Resamples, int Count)
{
    /// <summary>Whether the 95% interval lies wholly on one side of 0.</summary>
    public bool ExcludesZero => Lower > 0 || Upper < 0;
}
