namespace SelfInstruct.Model;

/// <summary>
/// The decoder-only architectures the model file implements, named after their Hugging Face model types.
/// </summary>
public enum ModelArchitecture
{
    /// <summary>GPT-2: LayerNorm, GELU (tanh) MLP, learned absolute positions, biases everywhere, tied head.</summary>
    Gpt2,

    /// <summary>Llama: RMSNorm, SwiGLU MLP, rotary positions, grouped-query attention, no biases.</summary>
    Llama,

    /// <summary>Qwen2: Llama with biases on the query, key and value projections.</summary>
    Qwen2,

    /// <summary>Qwen3: Llama with RMSNorm on each query and key head before the rotation.</summary>
    Qwen3,

    /// <summary>Mistral: Llama with sliding-window attention in every layer.</summary>
    Mistral,

    /// <summary>
    /// Gemma 2: embeddings scaled by sqrt(hidden), RMSNorm as x · (1 + weight), norms before and after attention and
    /// MLP, GeGLU MLP, query scale query_pre_attn_scalar^-1/2, tanh soft-capping of the attention scores and the
    /// logits, sliding window on every other layer, tied head.
    /// </summary>
    Gemma2,

    /// <summary>
    /// Gemma 3 (text, <c>gemma3_text</c>): Gemma 2 with q/k norms instead of attention soft-capping, five local
    /// (sliding-window) layers per global one, and a separate rotary base for the local layers.
    /// </summary>
    Gemma3,

    /// <summary>
    /// Phi-3: Llama with the q, k and v projections fused into <c>qkv_proj</c> and gate and up into
    /// <c>gate_up_proj</c> in the checkpoint (see Checkpoints/Phi3Weights), and an optional sliding window in every
    /// layer.
    /// </summary>
    Phi3,

    /// <summary>
    /// SmolLM3: Llama with a tied head and no rotary positions in the layers <c>no_rope_layers</c> marks 0 (by default
    /// every fourth, <c>no_rope_layer_interval</c>).
    /// </summary>
    [JsonStringEnumMemberName("smollm3")]
    SmolLm3,
}
