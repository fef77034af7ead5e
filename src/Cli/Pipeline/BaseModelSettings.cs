using SelfInstruct.Model;

namespace SelfInstruct.Cli.Pipeline;

/// <summary>
/// The model the pipeline starts from: a checkpoint folder the user has (a downloaded Hugging Face model), or, when
/// <see cref="Checkpoint"/> is null, one made from scratch with seeded random weights and the byte tokenizer.
/// </summary>
public sealed record BaseModelSettings
{
    /// <summary>A checkpoint folder to start from; null makes one from scratch.</summary>
    public string? Checkpoint { get; init; }

    /// <summary>Architecture of a model made from scratch.</summary>
    public ModelArchitecture Architecture { get; init; } = ModelArchitecture.Llama;

    /// <summary>Size of a model made from scratch.</summary>
    public ModelPreset Preset { get; init; } = ModelPreset.Tiny;

    /// <summary>Context length of a model made from scratch; null keeps the preset's.</summary>
    public int? ContextLength { get; init; }

    /// <summary>Seed of the random weights.</summary>
    public int Seed { get; init; }
}
