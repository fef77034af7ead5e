namespace SelfInstruct.Model;

/// <summary>
/// The shape of a decoder-only transformer, read from and written to a Hugging Face <c>config.json</c>
/// (see <see cref="Checkpoints.HfConfigFile"/>). The architecture decides the norm, the activation and the positions;
/// the rest is sizes. Defaults are the tiny test fixtures' sizes.
/// </summary>
public sealed record ModelConfig : IConfigRecord
{
    /// <summary>Which family of the model file to build.</summary>
    public ModelArchitecture Architecture { get; init; } = ModelArchitecture.Llama;

    /// <summary>Number of token ids, the rows of the embedding and the columns of the logits.</summary>
    public int VocabSize { get; init; } = 512;

    /// <summary>Width of the residual stream.</summary>
    public int HiddenSize { get; init; } = 64;

    /// <summary>Width of the MLP's inner layer.</summary>
    public int IntermediateSize { get; init; } = 176;

    /// <summary>Number of decoder layers.</summary>
    public int LayerCount { get; init; } = 2;

    /// <summary>Number of query heads.</summary>
    public int HeadCount { get; init; } = 4;

    /// <summary>Number of key/value heads; fewer than <see cref="HeadCount"/> means grouped-query attention.</summary>
    public int KeyValueHeadCount { get; init; } = 4;

    /// <summary>Width of one head; usually hidden size divided by the head count.</summary>
    public int HeadDimension { get; init; } = 16;

    /// <summary>Context length: the most positions the model was built for.</summary>
    public int MaxPositions { get; init; } = 128;

    /// <summary>Epsilon of the LayerNorm or RMSNorm.</summary>
    public double NormEpsilon { get; init; } = 1e-5;

    /// <summary>Base of the rotary position angles (ignored by GPT-2).</summary>
    public double RopeTheta { get; init; } = 10000;

    /// <summary>How the rotary frequencies are rescaled for a longer context; null for none.</summary>
    public RopeScaling? RopeScaling { get; init; }

    /// <summary>
    /// Keys a query sees in the layers that use a sliding window, itself included: the query at position i sees
    /// keys j with i - window &lt; j ≤ i. Null means every layer attends to all earlier positions.
    /// </summary>
    public int? SlidingWindow { get; init; }

    /// <summary>
    /// The first layer that uses the sliding window; the layers before it attend fully (Qwen's
    /// <c>max_window_layers</c>; 0 for Mistral).
    /// </summary>
    public int SlidingWindowFirstLayer { get; init; }

    /// <summary>
    /// Gemma's alternation of local and global layers: layer i uses the sliding window unless (i + 1) is a multiple
    /// of the pattern (2 for Gemma 2, 6 for Gemma 3). 0 means the window starts at
    /// <see cref="SlidingWindowFirstLayer"/> instead.
    /// </summary>
    public int SlidingWindowPattern { get; init; }

    /// <summary>Base of the rotary angles of the sliding-window layers (Gemma 3's rope_local_base_freq).</summary>
    public double? LocalRopeTheta { get; init; }

    /// <summary>Queries are scaled by this to the power -1/2 (Gemma's query_pre_attn_scalar); null: head dim.</summary>
    public double? QueryPreAttentionScalar { get; init; }

    /// <summary>Attention scores pass through c · tanh(score / c) before the mask (Gemma 2); null for none.</summary>
    public double? AttentionLogitSoftcap { get; init; }

    /// <summary>Logits pass through c · tanh(logit / c) (Gemma 2 and some Gemma 3); null for none.</summary>
    public double? FinalLogitSoftcap { get; init; }

    /// <summary>
    /// SmolLM3's no_rope_layers: 1 where layer i rotates queries and keys, 0 where it uses no positions at all; null
    /// means every layer rotates.
    /// </summary>
    public IReadOnlyList<int>? NoRopeLayers { get; init; }

    /// <summary>Whether the LM head reuses the token embedding matrix.</summary>
    public bool TieWordEmbeddings { get; init; }

    /// <summary>Whether the query, key and value projections carry biases.</summary>
    public bool QkvBias { get; init; }

    /// <summary>Whether the attention output projection carries a bias.</summary>
    public bool OutputBias { get; init; }

    /// <summary>Whether the MLP projections carry biases.</summary>
    public bool MlpBias { get; init; }

    /// <summary>The checkpoint's weight dtype as Hugging Face spells it: float32, bfloat16 or float16.</summary>
    public string Dtype { get; init; } = "float32";

    /// <summary>Beginning-of-sequence token id, when the model has one.</summary>
    public int? BosTokenId { get; init; }

    /// <summary>Token ids that end generation.</summary>
    public IReadOnlyList<int> EosTokenIds { get; init; } = [];

    /// <summary>Padding token id, when the checkpoint names one.</summary>
    public int? PadTokenId { get; init; }

    /// <summary>Whether queries and keys pass through a per-head RMSNorm before the rotation (Qwen3).</summary>
    public bool QkNorm => Architecture is ModelArchitecture.Qwen3 or ModelArchitecture.Gemma3;

    /// <summary>
    /// Whether this is Gemma: embeddings scaled by sqrt(hidden), RMSNorm weights stored as an offset from 1, a norm
    /// before and after both attention and MLP, and a GeGLU MLP.
    /// </summary>
    public bool IsGemma => Architecture is ModelArchitecture.Gemma2 or ModelArchitecture.Gemma3;

    /// <summary>
    /// The longest sequence the model runs: max_position_embeddings, or that times the factor under dynamic NTK
    /// scaling, which exists to stretch the context beyond the positions the model was trained on.
    /// </summary>
    public int ContextLength => RopeScaling is { Type: RopeScalingType.Dynamic } scaling
        ? (int)Math.Min(int.MaxValue, Math.Floor(MaxPositions * scaling.Factor))
        : MaxPositions;

    /// <summary>Whether layer <paramref name="layer"/> rotates its queries and keys.</summary>
    public bool UsesRope(int layer) => Architecture != ModelArchitecture.Gpt2
        && (NoRopeLayers is null || NoRopeLayers[layer] != 0);

    /// <summary>Whether layer <paramref name="layer"/> attends through the sliding window.</summary>
    public bool UsesSlidingWindow(int layer) => SlidingWindow is not null && (SlidingWindowPattern > 0
        ? (layer + 1) % SlidingWindowPattern != 0
        : layer >= SlidingWindowFirstLayer);

    /// <summary>
    /// Every problem with the sizes, each named by its key in a Llama-style <c>config.json</c>; empty when the config
    /// is usable.
    /// </summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new ConfigProblems();
        problems.Positive("vocab_size", VocabSize);
        problems.Positive("hidden_size", HiddenSize);
        problems.Positive("intermediate_size", IntermediateSize);
        problems.Positive("num_hidden_layers", LayerCount);
        problems.Positive("num_attention_heads", HeadCount);
        problems.Positive("num_key_value_heads", KeyValueHeadCount);
        problems.Positive("head_dim", HeadDimension);
        problems.Positive("max_position_embeddings", MaxPositions);
        problems.Check(HeadCount <= 0 || KeyValueHeadCount <= 0 || HeadCount % KeyValueHeadCount == 0,
            $"num_key_value_heads must divide num_attention_heads, found {KeyValueHeadCount} and {HeadCount}");
        problems.Check(Architecture == ModelArchitecture.Gpt2 || HeadDimension % 2 == 0,
            $"head_dim must be even for rotary positions, found {HeadDimension}");
        problems.Check(Architecture != ModelArchitecture.Gpt2 || HeadCount * HeadDimension == HiddenSize,
            "num_attention_heads × head_dim must equal hidden_size for GPT-2, " +
            $"found {HeadCount} × {HeadDimension} and {HiddenSize}");
        problems.Check(NormEpsilon > 0, $"rms_norm_eps must be positive, found {ConfigProblems.Text(NormEpsilon)}");
        problems.Check(RopeTheta > 0, $"rope_theta must be positive, found {ConfigProblems.Text(RopeTheta)}");
        problems.Positive("sliding_window", SlidingWindow);
        problems.Check(SlidingWindowFirstLayer >= 0,
            $"max_window_layers must not be negative, found {SlidingWindowFirstLayer}");
        problems.Check(NoRopeLayers is null || (NoRopeLayers.Count == LayerCount && NoRopeLayers.All(x => x is 0 or 1)),
            $"no_rope_layers must hold a 0 or 1 for each of the {LayerCount} layers");
        problems.Check(SlidingWindowPattern >= 0,
            $"sliding_window_pattern must not be negative, found {SlidingWindowPattern}");
        foreach (var (key, value) in new[]
        {
            ("query_pre_attn_scalar", QueryPreAttentionScalar), ("attn_logit_softcapping", AttentionLogitSoftcap),
            ("final_logit_softcapping", FinalLogitSoftcap), ("rope_local_base_freq", LocalRopeTheta),
        })
        {
            problems.Check(value is null or > 0, $"{key} must be positive, found {ConfigProblems.Text(value)}");
        }
        problems.Check(Architecture != ModelArchitecture.Gpt2 || (RopeScaling is null && SlidingWindow is null),
            "GPT-2 has neither rope_scaling nor a sliding_window");
        if (RopeScaling is not null)
        {
            problems.Nested("rope_scaling.", RopeScaling.Problems());
        }
        problems.Check(Dtype is "float32" or "bfloat16" or "float16",
            $"torch_dtype must be float32, bfloat16 or float16, found {Dtype}");
        return problems.List;
    }

    /// <summary>Number of trainable parameters of the model this config builds.</summary>
    public long ParameterCount()
    {
        long hidden = HiddenSize;
        long queries = (long)HeadCount * HeadDimension;
        long keyValues = (long)KeyValueHeadCount * HeadDimension;
        var normWeights = Architecture == ModelArchitecture.Gpt2 ? 2 * hidden : hidden;
        var layerNorms = IsGemma ? 4 * normWeights : 2 * normWeights;
        var attention = hidden * (queries + 2 * keyValues) + queries * hidden
            + (QkvBias ? queries + 2 * keyValues : 0) + (OutputBias ? hidden : 0) + (QkNorm ? 2L * HeadDimension : 0);
        var projections = Architecture == ModelArchitecture.Gpt2 ? 2 : 3;
        var mlp = projections * hidden * IntermediateSize
            + (MlpBias ? (projections - 1) * (long)IntermediateSize + hidden : 0);
        var embeddings = (long)VocabSize * hidden
            + (Architecture == ModelArchitecture.Gpt2 ? (long)MaxPositions * hidden : 0);
        var head = TieWordEmbeddings ? 0 : (long)VocabSize * hidden;
        return embeddings + LayerCount * (attention + mlp + layerNorms) + normWeights + head;
    }
}
