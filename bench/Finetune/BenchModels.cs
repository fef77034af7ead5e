using SelfInstruct.Model;

namespace SelfInstruct.Bench.Finetune;

/// <summary>The bench's models: two small GPT-2s for the CPU and two Llama-style ones for a GPU.</summary>
internal static class BenchModels
{
    /// <summary>The CPU models at context 256: name, config and batch.</summary>
    public static IReadOnlyList<(string Name, ModelConfig Config, int Batch)> Cpu { get; } =
    [
        ("d256 4 layers 8k vocab", Gpt2(256, 4, 4, 8192, 256), 8),
        ("d512 6 layers 32k vocab", Gpt2(512, 6, 8, 32000, 256), 4),
    ];

    /// <summary>Llama-style models of about 100M and 500M parameters at context 1024 (32k vocabulary, untied head,
    /// grouped-query attention with 4 key/value heads, SwiGLU).</summary>
    public static IReadOnlyList<(string Name, ModelConfig Config)> Cuda { get; } =
    [
        ("llama ~100M", Llama(768, 12, 12, 2048)),
        ("llama ~500M", Llama(1536, 18, 12, 4096)),
    ];

    public static ModelConfig Gpt2(int hidden, int layers, int heads, int vocab, int context) => new()
    {
        Architecture = ModelArchitecture.Gpt2,
        VocabSize = vocab,
        HiddenSize = hidden,
        IntermediateSize = 4 * hidden,
        LayerCount = layers,
        HeadCount = heads,
        KeyValueHeadCount = heads,
        HeadDimension = hidden / heads,
        MaxPositions = context,
        TieWordEmbeddings = true,
        QkvBias = true,
        OutputBias = true,
        MlpBias = true,
    };

    private static ModelConfig Llama(int hidden, int layers, int heads, int intermediate) => new()
    {
        Architecture = ModelArchitecture.Llama,
        VocabSize = 32000,
        HiddenSize = hidden,
        IntermediateSize = intermediate,
        LayerCount = layers,
        HeadCount = heads,
        KeyValueHeadCount = 4,
        HeadDimension = hidden / heads,
        MaxPositions = 1024,
    };
}
