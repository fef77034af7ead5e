namespace SelfInstruct.Evaluate.Decontamination;

/// <summary>
/// When a generated task counts as overlapping an evaluation set. Two checks, either one flags a task: its
/// instruction's ROUGE-L F (rouge_score tokens, no stemming, as Self-Instruct's novelty filter) to the closest
/// evaluation instruction reaches <see cref="RougeLThreshold"/>, or a run of <see cref="NGramLength"/> tokens of its
/// instruction, an input or an output also occurs in an evaluation instance's input or reference (lower-cased
/// rouge_score tokens, as the GPT-3 paper's overlap check).
/// </summary>
public sealed record DecontaminationSettings : IConfigRecord
{
    /// <summary>
    /// ROUGE-L F at or above which an instruction is a near-copy of an evaluation instruction. 0.7 is the similarity
    /// Self-Instruct's filter already refuses between two generated instructions, so a task this close to an
    /// evaluation instruction would not have been let in as novel had that instruction been in the pool.
    /// </summary>
    public double RougeLThreshold { get; init; } = 0.7;

    /// <summary>Tokens in a shared run; texts shorter than this share none. 13, as the GPT-3 paper.</summary>
    public int NGramLength { get; init; } = 13;

    /// <summary>How many of the closest (task, evaluation instruction) pairs the report shows side by side.</summary>
    public int ClosestPairs { get; init; } = 20;

    /// <summary>How texts become tokens: English is rouge_score's tokenizer, unicode any script's.</summary>
    public TextMode TextMode { get; init; } = TextMode.English;

    /// <inheritdoc />
    public IReadOnlyList<string> Problems()
    {
        var problems = new ConfigProblems();
        problems.InRange("rouge_l_threshold", RougeLThreshold, 0, 1, lowExclusive: true);
        problems.Positive("n_gram_length", NGramLength);
        problems.AtLeast("closest_pairs", ClosestPairs, 0);
        return problems.List;
    }
}
