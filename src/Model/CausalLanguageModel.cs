// The model file: one decoder-only transformer that covers GPT-2, Llama, Qwen2, Qwen3, Mistral, Phi-3, SmolLM3,
// Gemma 2 and Gemma 3 (text), in reading order.
//
// - Embeddings: token embedding; GPT-2 adds a learned absolute position embedding, the others add nothing and
//   rotate queries and keys instead (RoPE, see RotaryEmbedding: HF's rotate_half layout, inverse frequencies and
//   angles in float32, optionally rescaled by rope_scaling: linear, dynamic NTK or Llama 3).
// - Layers, pre-norm: x + attention(norm(x)), then x + mlp(norm(x)). GPT-2 normalises with LayerNorm (mean and
//   biased variance, weight and bias), the others with RMSNorm (weight only, computed in float32).
// - Attention: causal, softmax(q·kᵀ / sqrt(head dim)) over keys the padding mask allows. Grouped-query attention
//   repeats each key/value head for consecutive query heads (repeat_interleave, HF's repeat_kv). Biases follow the
//   config: GPT-2 on all four projections, Qwen2 on q, k and v only, Llama and Qwen3 on all four when
//   attention_bias is set, Mistral none. Qwen3 RMS-normalises each query and key head (q_norm, k_norm, weight
//   [head dim]) before the rotation. Layers with a sliding window (Mistral: all; Qwen2 and Qwen3 with
//   use_sliding_window: from max_window_layers on) let the query at position i see keys j with
//   i - window < j <= i; the KV cache keeps every key and the mask hides those outside the window.
// - MLP: GPT-2 is down(gelu_tanh(up(x))); the others are SwiGLU, down(silu(gate(x)) · up(x)), with biases on all
//   three for Llama's mlp_bias.
// - Head: final norm, then logits against lm_head, or against the token embedding when tied.
// - SmolLM3 is Llama with a tied head whose no_rope_layers (0 for a layer) skip the rotation there (NoPE).
// - Gemma (modeling_gemma2.py, modeling_gemma3.py): the embedding output is multiplied by sqrt(hidden) rounded to
//   its dtype; RMSNorm multiplies by (1 + weight) in float32 before the cast back; each layer is
//   x + post_attention_norm(attention(input_norm(x))), then x + post_feedforward_norm(mlp(pre_feedforward_norm(x)));
//   the MLP is GeGLU, down(gelu_tanh(gate(x)) · up(x)); queries are scaled by query_pre_attn_scalar^-1/2; layer i
//   uses the sliding window unless (i + 1) is a multiple of the pattern. Gemma 2 soft-caps the attention scores
//   (before the mask) and the logits by c · tanh(x / c). Gemma 3 RMS-normalises query and key heads like Qwen3 (with
//   1 + weight) and rotates the local layers with their own base (rope_local_base_freq, no scaling).
//
// Field names are checkpoint keys (Llama's names); Checkpoints/Gpt2Weights maps GPT-2's names and its Conv1D
// [in, out] layout onto them at load and back at save, and Checkpoints/Phi3Weights Phi-3's fused qkv_proj and
// gate_up_proj.
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SelfInstruct.Model;

/// <summary>
/// A decoder-only language model built from a <see cref="ModelConfig"/>: GPT-2, Llama, Qwen2, Qwen3, Mistral,
/// Phi-3, Gemma 2 or Gemma 3.
/// Load weights with <see cref="Checkpoints.Checkpoint"/>; run it under eval mode and no-grad for inference.
/// </summary>
public sealed class CausalLanguageModel : nn.Module<Tensor, Tensor>
{
    /// <summary>The label that takes no part in the loss (prompt and padding positions), as in PyTorch.</summary>
    public const long IgnoreIndex = -100;

    private readonly DecoderStack model;
    private readonly Linear? lm_head;

    /// <summary>
    /// Builds the modules with TorchSharp's default initialisation, on the CPU, their parameters in
    /// <paramref name="dtype"/> (float32 unless given): a checkpoint loaded in bf16 never has a float32 copy.
    /// </summary>
    public CausalLanguageModel(ModelConfig config, ScalarType dtype = ScalarType.Float32)
        : base(nameof(CausalLanguageModel))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate("model config");
        Config = config;
        model = new DecoderStack(config, dtype);
        lm_head = config.TieWordEmbeddings
            ? null
            : nn.Linear(config.HiddenSize, config.VocabSize, hasBias: false, dtype: dtype);
        RegisterComponents();
    }

    /// <summary>The configuration this model was built from.</summary>
    public ModelConfig Config { get; }

    /// <summary>
    /// In train mode with grad on, recompute each layer's activations in the backward pass instead of keeping them
    /// (<see cref="LayerCheckpoint"/>): about a layer's input per layer is kept, at the cost of a second forward.
    /// </summary>
    public bool GradientCheckpointing
    {
        get => model.GradientCheckpointing;
        set => model.GradientCheckpointing = value;
    }

    /// <summary>Logits [batch, sequence, vocab] for unpadded input ids [batch, sequence] at positions 0...</summary>
    public override Tensor forward(Tensor input) => Logits(input);

    /// <summary>
    /// The training forward pass: the mean cross-entropy of predicting each label [batch, sequence] from the positions
    /// before it (labels shift left by one, as in Hugging Face) over labels that are not <see cref="IgnoreIndex"/>,
    /// through <see cref="LinearCrossEntropy"/>, so that no [batch, sequence, vocab] logits are made. Padding goes at
    /// the end of a row, so no attention mask is needed.
    /// </summary>
    /// <returns>A fresh float32 scalar.</returns>
    /// <exception cref="ArgumentException">The labels' shape differs from the input ids'.</exception>
    public Tensor Loss(Tensor inputIds, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(inputIds);
        ArgumentNullException.ThrowIfNull(labels);
        if (!labels.shape.SequenceEqual(inputIds.shape))
        {
            throw new ArgumentException($"labels are [{string.Join(", ", labels.shape)}], expected " +
                $"[{string.Join(", ", inputIds.shape)}] like the input ids", nameof(labels));
        }
        using var scope = NewDisposeScope();
        var (batch, length) = (inputIds.shape[0], inputIds.shape[1]);
        var hidden = Hidden(inputIds, null, null, null);
        // Position t predicts label t + 1: the labels move left and the last position gets nothing to predict.
        var shifted = cat([labels.narrow(1, 1, length - 1), full(batch, 1, IgnoreIndex, labels.dtype, labels.device)],
            1);
        // batch × sequence, hidden and batch × sequence
        var loss = LinearCrossEntropy.Loss(hidden.view(batch * length, hidden.shape[2]), HeadWeight,
            shifted.view(batch * length), softcap: Config.FinalLogitSoftcap);
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// One forward pass. <paramref name="attentionMask"/> [batch, cached + sequence] marks real tokens with 1 and
    /// left padding with 0; positions count real tokens only. With a <paramref name="cache"/>, the input ids are the
    /// tokens after those already cached, and their keys and values are appended. When
    /// <paramref name="hiddenStates"/> is given, it receives the embedding output, the residual stream after each
    /// layer and the final norm output, each [batch, sequence, hidden]; the caller owns them.
    /// </summary>
    /// <returns>Fresh logits [batch, sequence, vocab]; the inputs are neither changed nor disposed.</returns>
    /// <exception cref="ArgumentException">
    /// The sequence would exceed the context length, or shapes disagree.
    /// </exception>
    public Tensor Logits(
        Tensor inputIds, Tensor? attentionMask = null, KvCache? cache = null, IList<Tensor>? hiddenStates = null)
    {
        ArgumentNullException.ThrowIfNull(inputIds);
        using var scope = NewDisposeScope();
        var hidden = Hidden(inputIds, attentionMask, cache, hiddenStates);
        var logits = nn.functional.linear(hidden, HeadWeight);
        if (Config.FinalLogitSoftcap is { } cap)
        {
            logits = (logits / cap).tanh() * cap;
        }
        return logits.MoveToOuterDisposeScope();
    }

    // The vocabulary projection [vocab, hidden]: lm_head's, or the token embedding when they are tied.
    private Tensor HeadWeight => lm_head?.weight ?? model.TokenEmbeddings;

    // The final norm's output [batch, sequence, hidden].
    private Tensor Hidden(Tensor inputIds, Tensor? attentionMask, KvCache? cache, IList<Tensor>? hiddenStates)
    {
        var (batch, length) = (inputIds.shape[0], inputIds.shape[1]);
        var past = cache?.Length ?? 0;
        var keys = past + length;
        if (keys > Config.ContextLength)
        {
            throw new ArgumentException(
                $"sequence length {keys} exceeds the context length {Config.ContextLength}", nameof(inputIds));
        }
        if (attentionMask is not null && (attentionMask.shape[0] != batch || attentionMask.shape[1] != keys))
        {
            throw new ArgumentException($"attention mask is [{string.Join(", ", attentionMask.shape)}], expected " +
                $"[{batch}, {keys}] (batch, cached + new tokens)", nameof(attentionMask));
        }
        var device = inputIds.device;
        var positions = attentionMask is null
            ? arange(past, keys, ScalarType.Int64, device).expand(batch, length)
            : (attentionMask.to(ScalarType.Int64, device).cumsum(1) - 1).clamp_min(0).narrow(1, past, length);
        var keyMask = attentionMask?.to(ScalarType.Bool, device);
        // Without padding or a cache, plain causal attention needs no mask tensor, and the fused kernel runs faster.
        var mask = keyMask is null && cache is null
            ? null
            : AttentionMask(keyMask ?? ones(batch, keys, ScalarType.Bool, device), past, length, null);
        // A window that reaches back to the first key changes nothing.
        var windowMask = Config.SlidingWindow is { } window && keys > window
            ? AttentionMask(keyMask ?? ones(batch, keys, ScalarType.Bool, device), past, length, window)
            : mask;
        var inputs = new DecoderInputs(positions, mask, windowMask, cache, hiddenStates);
        return model.call(inputIds, inputs);
    }

    // batch, 1, sequence, keys: a query sees keys up to its own position (and, with a window, after its position
    // minus the window) that the padding mask allows, and always itself, so a padding query has one finite score
    // and never yields NaN. Indices count padding too, which shifts queries and keys alike.
    private static Tensor AttentionMask(Tensor keyMask, long past, long length, int? window)
    {
        var device = keyMask.device;
        var keys = past + length;
        // sequence, 1 and 1, keys: absolute positions of the queries and of the keys
        var queryIndex = arange(past, keys, ScalarType.Int64, device).view(length, 1);
        var keyIndex = arange(0, keys, ScalarType.Int64, device).view(1, keys);
        var causal = keyIndex.le(queryIndex);
        if (window is { } size)
        {
            causal = causal.logical_and(keyIndex.gt(queryIndex - size));
        }
        var self = keyIndex.eq(queryIndex);
        // keyMask viewed as batch, 1, 1, keys
        return causal.logical_and(keyMask.view(keyMask.shape[0], 1, 1, keys).logical_or(self));
    }
}

/// <summary>
/// What every layer needs besides the hidden states; Cos and Sin are [batch, 1, sequence, head dim], LocalCos and
/// LocalSin the same for sliding-window layers with their own rotary base (Gemma 3). Mask is for full-attention
/// layers and WindowMask for sliding-window layers; a null mask means plain causal attention.
/// </summary>
internal sealed record DecoderInputs(
    Tensor Positions,
    Tensor? Mask,
    Tensor? WindowMask,
    KvCache? Cache,
    IList<Tensor>? HiddenStates,
    Tensor? Cos = null,
    Tensor? Sin = null,
    Tensor? LocalCos = null,
    Tensor? LocalSin = null);

/// <summary>
/// Embeddings, the layers and the final norm: HF's <c>model</c> (Llama) or <c>transformer</c> (GPT-2).
/// </summary>
internal sealed class DecoderStack : nn.Module<Tensor, DecoderInputs, Tensor>
{
    private readonly Embedding embed_tokens;
    private readonly Embedding? embed_positions;
    private readonly ModuleList<DecoderLayer> layers;
    private readonly nn.Module<Tensor, Tensor> norm;
    private readonly ModelConfig _config;

    public DecoderStack(ModelConfig config, ScalarType dtype) : base(nameof(DecoderStack))
    {
        _config = config;
        embed_tokens = nn.Embedding(config.VocabSize, config.HiddenSize, dtype: dtype);
        embed_positions = config.Architecture == ModelArchitecture.Gpt2
            ? nn.Embedding(config.MaxPositions, config.HiddenSize, dtype: dtype)
            : null;
        layers = nn.ModuleList(Enumerable.Range(0, config.LayerCount)
            .Select(index => new DecoderLayer(config, index, dtype)).ToArray());
        norm = Norm.Create(config, dtype);
        RegisterComponents();
    }

    public Tensor TokenEmbeddings => embed_tokens.weight!;

    public bool GradientCheckpointing { get; set; }

    public override Tensor forward(Tensor inputIds, DecoderInputs inputs)
    {
        var x = embed_tokens.call(inputIds);
        if (_config.IsGemma)
        {
            x = x * tensor(Math.Sqrt(_config.HiddenSize), x.dtype, x.device);
        }
        if (embed_positions is not null)
        {
            x = x + embed_positions.call(inputs.Positions);
        }
        else
        {
            var (cos, sin) = RotaryEmbedding.CosSin(_config, inputs.Positions, x.dtype);
            inputs = inputs with { Cos = cos, Sin = sin, LocalCos = cos, LocalSin = sin };
            if (_config.LocalRopeTheta is { } local)
            {
                var localConfig = _config with { RopeTheta = local, RopeScaling = null };
                var (localCos, localSin) = RotaryEmbedding.CosSin(localConfig, inputs.Positions, x.dtype);
                inputs = inputs with { LocalCos = localCos, LocalSin = localSin };
            }
        }
        Keep(inputs, x);
        var checkpoints = GradientCheckpointing && training && is_grad_enabled();
        if (checkpoints && !x.requires_grad)
        {
            // A frozen embedding (LoRA) would leave the checkpoints nothing to back-propagate into, as HF's
            // enable_input_require_grads says.
            x = x.detach().requires_grad_();
        }
        foreach (var layer in layers)
        {
            x = checkpoints ? LayerCheckpoint.Run(layer, x, inputs) : layer.call(x, inputs);
            Keep(inputs, x);
        }
        x = norm.call(x);
        Keep(inputs, x);
        return x;
    }

    private static void Keep(DecoderInputs inputs, Tensor hidden) =>
        inputs.HiddenStates?.Add(hidden.detach().clone().MoveToOuterDisposeScope());
}

/// <summary>
/// One pre-norm block: attention then MLP, each added to the residual stream. Gemma also normalises each branch's
/// output, and its <c>post_attention_layernorm</c> is that output norm, not the MLP's input norm.
/// </summary>
internal sealed class DecoderLayer : nn.Module<Tensor, DecoderInputs, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> input_layernorm;
    private readonly Attention self_attn;
    private readonly nn.Module<Tensor, Tensor> post_attention_layernorm;
    private readonly nn.Module<Tensor, Tensor>? pre_feedforward_layernorm;
    private readonly nn.Module<Tensor, Tensor>? post_feedforward_layernorm;
    private readonly FeedForward mlp;

    public DecoderLayer(ModelConfig config, int index, ScalarType dtype) : base(nameof(DecoderLayer))
    {
        input_layernorm = Norm.Create(config, dtype);
        self_attn = new Attention(config, index, dtype);
        post_attention_layernorm = Norm.Create(config, dtype);
        pre_feedforward_layernorm = config.IsGemma ? Norm.Create(config, dtype) : null;
        post_feedforward_layernorm = config.IsGemma ? Norm.Create(config, dtype) : null;
        mlp = new FeedForward(config, dtype);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x, DecoderInputs inputs)
    {
        if (pre_feedforward_layernorm is null || post_feedforward_layernorm is null)
        {
            var h = x + self_attn.call(input_layernorm.call(x), inputs);
            return h + mlp.call(post_attention_layernorm.call(h));
        }
        var g = x + post_attention_layernorm.call(self_attn.call(input_layernorm.call(x), inputs));
        return g + post_feedforward_layernorm.call(mlp.call(pre_feedforward_layernorm.call(g)));
    }
}

/// <summary>Causal multi-head attention with optional grouped key/value heads, rotary positions and a cache.</summary>
internal sealed class Attention : nn.Module<Tensor, DecoderInputs, Tensor>
{
    private readonly Linear q_proj;
    private readonly Linear k_proj;
    private readonly Linear v_proj;
    private readonly Linear o_proj;
    private readonly RmsNorm? q_norm;
    private readonly RmsNorm? k_norm;
    private readonly int _layerIndex;
    private readonly bool _windowed;
    private readonly bool _rotary;
    private readonly int _heads;
    private readonly int _keyValueHeads;
    private readonly int _headDimension;
    private readonly double _scale;
    private readonly double? _queryFactor;
    private readonly double? _softcap;

    public Attention(ModelConfig config, int layerIndex, ScalarType dtype) : base(nameof(Attention))
    {
        _layerIndex = layerIndex;
        _heads = config.HeadCount;
        _keyValueHeads = config.KeyValueHeadCount;
        _headDimension = config.HeadDimension;
        q_proj = nn.Linear(config.HiddenSize, _heads * _headDimension, config.QkvBias, dtype: dtype);
        k_proj = nn.Linear(config.HiddenSize, _keyValueHeads * _headDimension, config.QkvBias, dtype: dtype);
        v_proj = nn.Linear(config.HiddenSize, _keyValueHeads * _headDimension, config.QkvBias, dtype: dtype);
        o_proj = nn.Linear(_heads * _headDimension, config.HiddenSize, config.OutputBias, dtype: dtype);
        q_norm = config.QkNorm ? new RmsNorm(_headDimension, config.NormEpsilon, config.IsGemma, dtype) : null;
        k_norm = config.QkNorm ? new RmsNorm(_headDimension, config.NormEpsilon, config.IsGemma, dtype) : null;
        _windowed = config.UsesSlidingWindow(layerIndex);
        _rotary = config.UsesRope(layerIndex);
        _scale = 1 / Math.Sqrt(config.QueryPreAttentionScalar ?? _headDimension);
        // What turns the fused kernel's 1 / sqrt(head dim) into the config's query scale.
        _queryFactor = config.QueryPreAttentionScalar is { } scalar ? Math.Sqrt(_headDimension / scalar) : null;
        _softcap = config.AttentionLogitSoftcap;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x, DecoderInputs inputs)
    {
        var (batch, length) = (x.shape[0], x.shape[1]);
        // batch, sequence, heads, head dim
        var q = q_proj.call(x).view(batch, length, _heads, _headDimension);
        var k = k_proj.call(x).view(batch, length, _keyValueHeads, _headDimension);
        if (q_norm is not null && k_norm is not null)
        {
            q = q_norm.call(q);
            k = k_norm.call(k);
        }
        // batch, heads, sequence, head dim
        q = q.transpose(1, 2);
        k = k.transpose(1, 2);
        var v = v_proj.call(x).view(batch, length, _keyValueHeads, _headDimension).transpose(1, 2);
        var (cos, sin) = _windowed ? (inputs.LocalCos, inputs.LocalSin) : (inputs.Cos, inputs.Sin);
        if (_rotary && cos is not null && sin is not null)
        {
            q = RotaryEmbedding.Apply(q, cos, sin);
            k = RotaryEmbedding.Apply(k, cos, sin);
        }
        if (inputs.Cache is not null)
        {
            (k, v) = inputs.Cache.Append(_layerIndex, k, v);
        }
        if (_heads != _keyValueHeads)
        {
            // batch, heads, keys, head dim: query head h reads key/value head h / group size.
            k = k.repeat_interleave(_heads / _keyValueHeads, dim: 1);
            v = v.repeat_interleave(_heads / _keyValueHeads, dim: 1);
        }
        var mask = _windowed ? inputs.WindowMask : inputs.Mask;
        var y = _softcap is { } cap
            ? SoftcappedAttention(q, k, v, mask, cap)
            : PlainAttention(_queryFactor is { } factor ? q * factor : q, k, v, mask);
        // batch, sequence, heads × head dim
        y = y.transpose(1, 2).reshape(batch, length, _heads * _headDimension);
        return o_proj.call(y);
    }

    // The fused kernel divides by sqrt(head dim); the caller has already rescaled q to the config's query scale.
    private static Tensor PlainAttention(Tensor q, Tensor k, Tensor v, Tensor? mask) => mask is null
        // The flag is spelled is_casual in TorchSharp.
        ? nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true)
        : nn.functional.scaled_dot_product_attention(q, k, v, mask);

    // Gemma 2's eager attention: scores [batch, heads, sequence, keys] soft-capped before the mask, softmax in float32.
    private Tensor SoftcappedAttention(Tensor q, Tensor k, Tensor v, Tensor? mask, double cap)
    {
        var scores = q.matmul(k.transpose(2, 3)) * _scale;
        scores = (scores / cap).tanh() * cap;
        var (length, keys) = (q.shape[2], k.shape[2]);
        // Without a mask tensor, plain causal: the query at row i (keys - length + i) sees keys up to itself.
        var allowed = mask ?? ones(length, keys, ScalarType.Bool, q.device).tril(keys - length);
        scores = scores.masked_fill(allowed.logical_not(), double.NegativeInfinity);
        return scores.softmax(-1, ScalarType.Float32).to_type(q.dtype).matmul(v);
    }
}

/// <summary>
/// GPT-2's GELU MLP (<c>up_proj</c> is c_fc, <c>down_proj</c> is c_proj), Llama's SwiGLU or Gemma's GeGLU (gelu_tanh
/// on the gate).
/// </summary>
internal sealed class FeedForward : nn.Module<Tensor, Tensor>
{
    private readonly Linear? gate_proj;
    private readonly Linear up_proj;
    private readonly Linear down_proj;
    private readonly bool _geglu;

    public FeedForward(ModelConfig config, ScalarType dtype) : base(nameof(FeedForward))
    {
        _geglu = config.IsGemma;
        gate_proj = config.Architecture == ModelArchitecture.Gpt2
            ? null
            : nn.Linear(config.HiddenSize, config.IntermediateSize, config.MlpBias, dtype: dtype);
        up_proj = nn.Linear(config.HiddenSize, config.IntermediateSize, config.MlpBias, dtype: dtype);
        down_proj = nn.Linear(config.IntermediateSize, config.HiddenSize, config.MlpBias, dtype: dtype);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => gate_proj is null
        ? down_proj.call(nn.functional.gelu(up_proj.call(x), GELU.Approximate.tanh))
        : down_proj.call(Activation(gate_proj.call(x)) * up_proj.call(x));

    private Tensor Activation(Tensor gate) =>
        _geglu ? nn.functional.gelu(gate, GELU.Approximate.tanh) : nn.functional.silu(gate);
}

/// <summary>
/// Root-mean-square norm: weight · x / sqrt(mean(x²) + eps), computed in float32. Gemma's stores the weight as an
/// offset (starting at 0) and multiplies by (1 + weight) in float32 before the cast back.
/// </summary>
internal sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly double _epsilon;
    private readonly bool _unitOffset;

    public RmsNorm(long size, double epsilon, bool unitOffset, ScalarType dtype) : base(nameof(RmsNorm))
    {
        weight = new Parameter(unitOffset ? zeros(size, dtype) : ones(size, dtype));
        _epsilon = epsilon;
        _unitOffset = unitOffset;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var x32 = x.to_type(ScalarType.Float32);
        var normed = x32 * (x32.pow(2).mean([-1], keepdim: true) + _epsilon).rsqrt();
        return _unitOffset
            ? (normed * (weight.to_type(ScalarType.Float32) + 1)).to_type(x.dtype)
            : weight * normed.to_type(x.dtype);
    }
}

/// <summary>The architecture's norm: LayerNorm for GPT-2, RMSNorm otherwise (Gemma's with 1 + weight).</summary>
internal static class Norm
{
    public static nn.Module<Tensor, Tensor> Create(ModelConfig config, ScalarType dtype) =>
        config.Architecture == ModelArchitecture.Gpt2
            ? nn.LayerNorm(config.HiddenSize, config.NormEpsilon, dtype: dtype)
            : new RmsNorm(config.HiddenSize, config.NormEpsilon, config.IsGemma, dtype);
}
