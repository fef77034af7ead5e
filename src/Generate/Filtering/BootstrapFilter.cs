namespace SelfInstruct.Generate.Filtering;

/// <summary>
/// Self-Instruct's filter for a new instruction: the heuristics of <see cref="InstructionFilter"/>, then novelty,
/// ROUGE-L F (no stemming) at most <see cref="Threshold"/> against every instruction already in the pool (seeds and
/// accepted machine instructions, including those accepted earlier in the same batch). Accepted ones join the pool.
/// </summary>
public sealed class BootstrapFilter(SimilarityPool pool, InstructionFilter heuristics, double threshold = 0.7)
{
    /// <summary>Too similar to an instruction in the pool: it would add a near-duplicate task.</summary>
    public const string TooSimilar = "too_similar";

    /// <summary>The highest ROUGE-L F to the pool that a new instruction may have.</summary>
    public double Threshold { get; } = threshold;

    /// <summary>Decides one candidate and, when it is accepted, adds it to the pool.</summary>
    public FilterDecision Consider(string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var rejection = heuristics.Rejection(instruction);
        if (rejection is not null)
        {
            return new FilterDecision(instruction, rejection, null);
        }
        var similarity = pool.Score(instruction);
        if (similarity.MaxScore > Threshold)
        {
            return new FilterDecision(instruction, TooSimilar, similarity);
        }
        pool.Add(instruction);
        return new FilterDecision(instruction, null, similarity);
    }
}
