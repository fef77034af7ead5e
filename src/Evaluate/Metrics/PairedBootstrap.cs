namespace SelfInstruct.Evaluate.Metrics;

/// <summary>The paired bootstrap over instances behind <see cref="PairedDifference"/>.</summary>
public static class PairedBootstrap
{
    /// <summary>
    /// Compares per-instance scores of the same instances, in the same order; <paramref name="seed"/> makes the
    /// resamples reproducible.
    /// </summary>
    public static PairedDifference Compare(
        IReadOnlyList<double> baseline, IReadOnlyList<double> candidate, int resamples, int seed)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentOutOfRangeException.ThrowIfNotEqual(candidate.Count, baseline.Count);
        ArgumentOutOfRangeException.ThrowIfZero(baseline.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        var count = baseline.Count;
        var differences = candidate.Zip(baseline, (c, b) => c - b).ToArray();
        var random = new Random(seed);
        var means = new double[resamples];
        for (var resample = 0; resample < resamples; resample++)
        {
            var sum = 0.0;
            for (var draw = 0; draw < count; draw++)
            {
                sum += differences[random.Next(count)];
            }
            means[resample] = sum / count;
        }
        Array.Sort(means);
        var atMostZero = means.Count(mean => mean <= 0);
        var atLeastZero = means.Count(mean => mean >= 0);
        var pValue = Math.Min(1.0, 2.0 * (Math.Min(atMostZero, atLeastZero) + 1) / (resamples + 1));
        return new PairedDifference(differences.Average(), Percentile(means, 0.025), Percentile(means, 0.975),
            pValue, resamples, count);
    }

    // Linear interpolation between closest ranks (numpy's default), on sorted values.
    private static double Percentile(double[] sorted, double quantile)
    {
        var position = quantile * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
