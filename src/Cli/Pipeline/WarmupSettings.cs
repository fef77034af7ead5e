using SelfInstruct.Finetune.Configuration;

namespace SelfInstruct.Cli.Pipeline;

/// <summary>
/// The warm-up a model made from scratch needs before it can self-instruct: a short training on
/// <see cref="WarmupCorpus"/>, the seed pool written in the generate stage's own prompt formats.
/// </summary>
public sealed record WarmupSettings : IConfigRecord
{
    /// <summary>Whether to warm up; a capable checkpoint needs no warm-up.</summary>
    public bool Enabled { get; init; }

    /// <summary>Instruction-list examples in the corpus, each a numbered list of seed instructions continued.</summary>
    public int ListExamples { get; init; } = 200;

    /// <summary>
    /// The training settings; the pipeline sets the base model, the data and the output folder, and the corpus is
    /// trained on as written (no prompt format).
    /// </summary>
    public FinetuneConfig Training { get; init; } =
        new() { Masking = LossMasking.FullSequence, ValidationFraction = 0 };

    /// <summary>The warm-up's own settings; the training settings are checked once the pipeline has filled them.
    /// </summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new ConfigProblems();
        problems.AtLeast("list_examples", ListExamples, 0);
        return problems.List;
    }
}
