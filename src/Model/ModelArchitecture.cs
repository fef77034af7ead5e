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
}
