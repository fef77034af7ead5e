namespace SelfInstruct.Model;

/// <summary>Configs for models made from scratch, with each architecture's usual conventions.</summary>
public static class ModelPresets
{
    /// <summary>
    /// The config of <paramref name="preset"/> for <paramref name="architecture"/>: GPT-2 ties its head and uses
    /// full multi-head attention; Llama unties its head and groups two query heads per key/value head; Qwen2 ties
    /// its head, groups like Llama and has q/k/v biases and rope theta 1,000,000; Qwen3 is Qwen2 with per-head
    /// query/key norms instead of the biases; Mistral is Llama with a sliding window of half the context; Gemma 2 and
    /// Gemma 3 group and tie like Qwen, scale queries by the head dimension and slide a window of half the context
    /// over every other layer (Gemma 2, which also soft-caps scores at 50 and logits at 30) or five layers in six
    /// (Gemma 3, rope theta 1,000,000 globally and 10,000 locally); Phi-3 is Llama's shape with fused checkpoint
    /// projections; SmolLM3 is Llama with a tied head and no rotation in every fourth layer.
    /// </summary>
    public static ModelConfig Create(ModelArchitecture architecture, ModelPreset preset, int vocabSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(vocabSize);
        var (hidden, layers, heads, positions) = preset switch
        {
            ModelPreset.Tiny => (64, 2, 4, 256),
            ModelPreset.Mini => (128, 4, 4, 1024),
            ModelPreset.Small => (512, 8, 8, 1024),
            _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "expected tiny, mini or small"),
        };
        var gpt2 = architecture == ModelArchitecture.Gpt2;
        var qwen = architecture is ModelArchitecture.Qwen2 or ModelArchitecture.Qwen3;
        var config = new ModelConfig
        {
            Architecture = architecture,
            VocabSize = vocabSize,
            HiddenSize = hidden,
            // GPT-2's MLP is 4 × hidden; SwiGLU's three projections use about 8/3 × hidden, rounded up to 16.
            IntermediateSize = gpt2 ? 4 * hidden : (8 * hidden / 3 + 15) / 16 * 16,
            LayerCount = layers,
            HeadCount = heads,
            KeyValueHeadCount = gpt2 ? heads : heads / 2,
            HeadDimension = hidden / heads,
            MaxPositions = positions,
            NormEpsilon = qwen ? 1e-6 : 1e-5,
            RopeTheta = qwen ? 1_000_000 : 10_000,
            SlidingWindow = architecture == ModelArchitecture.Mistral ? positions / 2 : null,
            TieWordEmbeddings = gpt2 || qwen,
            QkvBias = gpt2 || architecture == ModelArchitecture.Qwen2,
            OutputBias = gpt2,
            MlpBias = gpt2,
        };
        return architecture switch
        {
            ModelArchitecture.Gemma2 => Gemma(config, pattern: 2) with
            {
                AttentionLogitSoftcap = 50,
                FinalLogitSoftcap = 30,
            },
            ModelArchitecture.Gemma3 => Gemma(config, pattern: 6) with
            {
                RopeTheta = 1_000_000,
                LocalRopeTheta = 10_000,
            },
            ModelArchitecture.SmolLm3 => config with
            {
                TieWordEmbeddings = true,
                NoRopeLayers = Enumerable.Range(0, layers).Select(layer => (layer + 1) % 4 != 0 ? 1 : 0).ToList(),
            },
            _ => config,
        };
    }

    private static ModelConfig Gemma(ModelConfig config, int pattern) => config with
    {
        NormEpsilon = 1e-6,
        SlidingWindow = config.MaxPositions / 2,
        SlidingWindowPattern = pattern,
        QueryPreAttentionScalar = config.HeadDimension,
        TieWordEmbeddings = true,
    };
}
