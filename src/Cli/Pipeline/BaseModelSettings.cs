using SelfInstruct.Model;

namespace SelfInstruct.Cli.Pipeline;

/// <summary>
/// The model the pipeline starts from: a checkpoint folder the user has (a downloaded Hugging Face model), or, when
/// <see cref="Checkpoint"/> is null, one made from scratch with seeded random weights.
/// </summary>
public sealed record BaseModelSettings : IConfigRecord
{
    /// <summary>A checkpoint folder to start from; null makes one from scratch.</summary>
    public string? Checkpoint { get; init; }

    /// <summary>Architecture of a model made from scratch.</summary>
    public ModelArchitecture Architecture { get; init; } = ModelArchitecture.Llama;

    /// <summary>Size of a model made from scratch.</summary>
    public ModelPreset Preset { get; init; } = ModelPreset.Tiny;

    /// <summary>Context length of a model made from scratch; null keeps the preset's.</summary>
    public int? ContextLength { get; init; }

    /// <summary>
    /// The vocabulary of a model made from scratch: a byte-level BPE of this size trained on the seed pool and the
    /// generate stage's prompt templates (about 3 times fewer tokens than bytes at 2,048); null for one token per byte.
    /// </summary>
    public int? VocabSize { get; init; }

    /// <summary>Seed of the random weights.</summary>
    public int Seed { get; init; }

    /// <inheritdoc />
    public IReadOnlyList<string> Problems()
    {
        var problems = new ConfigProblems();
        problems.Check(Checkpoint is null || Directory.Exists(Checkpoint), $"checkpoint: {Checkpoint} does not exist");
        problems.AtLeast("context_length", ContextLength, 2);
        problems.Check(VocabSize is null or >= ModelInitConfig.MinVocabSize,
            $"vocab_size must be at least {ModelInitConfig.MinVocabSize} (the bytes and end-of-text), found {VocabSize}");
        return problems.List;
    }
}
