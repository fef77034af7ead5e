namespace SelfInstruct.Model.Generation;

/// <summary>
/// How to pick each new token. Penalties follow OpenAI's definition over the tokens generated so far:
/// logit − frequency penalty × count − presence penalty × (count &gt; 0). Then temperature (0 means greedy),
/// top-k, top-p, and a draw from the rest with a <see cref="Random"/> seeded by <see cref="Seed"/>.
/// </summary>
public sealed record GenerationOptions
{
    /// <summary>The most tokens to generate per prompt.</summary>
    public int MaxNewTokens { get; init; } = 256;

    /// <summary>Softmax temperature; 0 picks the most likely token (greedy).</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>
    /// Nucleus sampling: keep the most likely tokens whose probabilities first reach this mass; 1 is off.
    /// </summary>
    public double TopP { get; init; } = 1.0;

    /// <summary>Keep only the k most likely tokens; 0 is off.</summary>
    public int TopK { get; init; }

    /// <summary>
    /// Subtracted once from the logit of every token already generated (the paper's generation uses 2).
    /// </summary>
    public double PresencePenalty { get; init; }

    /// <summary>Subtracted from each token's logit once per time it was generated.</summary>
    public double FrequencyPenalty { get; init; }

    /// <summary>Generation ends before the first of these strings; the text returned stops where it starts.</summary>
    public IReadOnlyList<string> StopSequences { get; init; } = [];

    /// <summary>Seed of the sampler's random numbers; equal seeds give equal results.</summary>
    public int Seed { get; init; }

    /// <summary>Reuse keys and values of earlier tokens (fast); off recomputes the whole sequence per token.</summary>
    public bool UseKvCache { get; init; } = true;

    /// <summary>Greedy settings: temperature 0 and nothing else.</summary>
    public static GenerationOptions Greedy(int maxNewTokens) => new() { MaxNewTokens = maxNewTokens, Temperature = 0 };

    /// <summary>Throws one exception listing every out-of-range setting.</summary>
    /// <exception cref="ArgumentException">One or more settings are out of range.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (MaxNewTokens <= 0)
        {
            problems.Add($"max new tokens must be positive, found {MaxNewTokens}");
        }
        if (!(Temperature >= 0) || double.IsInfinity(Temperature))
        {
            problems.Add(Invariant($"temperature must be 0 or more, found {Temperature}"));
        }
        if (!(TopP is > 0 and <= 1))
        {
            problems.Add(Invariant($"top-p must lie in (0, 1], found {TopP}"));
        }
        if (TopK < 0)
        {
            problems.Add($"top-k must be 0 (off) or more, found {TopK}");
        }
        if (!double.IsFinite(PresencePenalty) || !double.IsFinite(FrequencyPenalty))
        {
            problems.Add(Invariant($"penalties must be finite, found {PresencePenalty} and {FrequencyPenalty}"));
        }
        if (StopSequences.Any(string.IsNullOrEmpty))
        {
            problems.Add("stop sequences must not be empty");
        }
        if (problems.Count > 0)
        {
            throw new ArgumentException($"generation options: {string.Join("; ", problems)}");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
