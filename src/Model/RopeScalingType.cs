namespace SelfInstruct.Model;

/// <summary>
/// How rotary inverse frequencies are rescaled for a longer context, named as Hugging Face's <c>rope_type</c>
/// (modeling_rope_utils.py).
/// </summary>
public enum RopeScalingType
{
    /// <summary>Position interpolation: every inverse frequency divided by the factor.</summary>
    Linear,

    /// <summary>
    /// Dynamic NTK: once a sequence outgrows max_position_embeddings, the base grows with its length; shorter
    /// sequences use the plain frequencies.
    /// </summary>
    Dynamic,

    /// <summary>
    /// Llama 3.1's rewrite: long wavelengths divided by the factor, short ones kept, those between interpolated.
    /// </summary>
    Llama3,
}
