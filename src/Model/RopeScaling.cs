namespace SelfInstruct.Model;

/// <summary>
/// A config.json's <c>rope_scaling</c> (or <c>rope_parameters</c>): the rescaling of the rotary inverse frequencies
/// and the numbers it needs. The Llama 3 fields matter only for <see cref="RopeScalingType.Llama3"/>.
/// </summary>
public sealed record RopeScaling
{
    /// <summary>Which rescaling.</summary>
    public RopeScalingType Type { get; init; } = RopeScalingType.Linear;

    /// <summary>How much longer the context becomes; at least 1.</summary>
    public double Factor { get; init; } = 1;

    /// <summary>Llama 3: wavelengths above original context / this factor are divided by the factor.</summary>
    public double LowFrequencyFactor { get; init; } = 1;

    /// <summary>Llama 3: wavelengths below original context / this factor are kept.</summary>
    public double HighFrequencyFactor { get; init; } = 4;

    /// <summary>Llama 3: the context length the model was pre-trained with.</summary>
    public int OriginalMaxPositions { get; init; } = 8192;

    /// <summary>Every problem, each named by its key inside <c>rope_scaling</c> (without that prefix).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new ConfigProblems();
        problems.Check(Factor >= 1, $"factor must be at least 1, found {ConfigProblems.Text(Factor)}");
        if (Type == RopeScalingType.Llama3)
        {
            problems.Check(LowFrequencyFactor > 0, "low_freq_factor must be positive, found " +
                ConfigProblems.Text(LowFrequencyFactor));
            problems.Check(HighFrequencyFactor > LowFrequencyFactor, "high_freq_factor must exceed " +
                $"low_freq_factor, found {ConfigProblems.Text(HighFrequencyFactor)} and " +
                ConfigProblems.Text(LowFrequencyFactor));
            problems.Positive("original_max_position_embeddings", OriginalMaxPositions);
        }
        return problems.List;
    }
}
