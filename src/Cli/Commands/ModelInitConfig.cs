using SelfInstruct.Model;

namespace SelfInstruct.Cli.Commands;

/// <summary>What <c>selfinstruct model init</c> makes: a model from scratch with its tokenizer.</summary>
public sealed record ModelInitConfig : IConfigRecord
{
    /// <summary>The bpe tokenizer needs the 256 bytes and <c>&lt;|endoftext|&gt;</c>.</summary>
    public const int MinVocabSize = 257;

    /// <summary>Which family of the model file to build.</summary>
    public ModelArchitecture Architecture { get; init; } = ModelArchitecture.Llama;

    /// <summary>The size.</summary>
    public ModelPreset Preset { get; init; } = ModelPreset.Tiny;

    /// <summary><c>byte</c>, <c>bpe</c> (trained on <see cref="TokenizerCorpus"/>) or a tokenizer folder.</summary>
    public string Tokenizer { get; init; } = "byte";

    /// <summary>Ids of the bpe tokenizer: 256 bytes, merged tokens and <c>&lt;|endoftext|&gt;</c>.</summary>
    public int VocabSize { get; init; } = 2048;

    /// <summary>Files the bpe tokenizer learns from.</summary>
    public IReadOnlyList<string> TokenizerCorpus { get; init; } = ["data/seed_tasks.jsonl"];

    /// <summary>Seed of the random weights.</summary>
    public int Seed { get; init; }

    /// <summary>Positions the model can attend to; null keeps the preset's.</summary>
    public int? ContextLength { get; init; }

    /// <inheritdoc />
    public IReadOnlyList<string> Problems()
    {
        var problems = new ConfigProblems();
        problems.Check(Tokenizer != "bpe" || VocabSize >= MinVocabSize,
            $"vocab_size must be at least {MinVocabSize} (the bytes and <|endoftext|>), found {VocabSize}");
        problems.AtLeast("context_length", ContextLength, 2);
        problems.Check(Tokenizer != "bpe" || TokenizerCorpus.Count > 0,
            "tokenizer_corpus must name at least one file for the bpe tokenizer, found none");
        return problems.List;
    }

    /// <summary>The model's shape: the preset's, with the context length when one is given.</summary>
    public ModelConfig ModelConfig(int vocabSize)
    {
        var config = ModelPresets.Create(Architecture, Preset, vocabSize);
        return ContextLength is { } positions ? config with { MaxPositions = positions } : config;
    }
}
