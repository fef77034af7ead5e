using static TorchSharp.torch;

namespace SelfInstruct.Model;

/// <summary>
/// Rotary position embedding in Hugging Face's rotate_half layout (dims j and j + d/2 form a pair), with the
/// inverse frequencies of modeling_rope_utils.py: the default 1 / theta^(2j / d), and the linear, dynamic NTK and
/// Llama 3 rescalings. Frequencies and angles are float32, as HF computes them.
/// </summary>
internal static class RotaryEmbedding
{
    /// <summary>Cos and sin tables [batch, 1, sequence, head dim] for positions [batch, sequence].</summary>
    public static (Tensor Cos, Tensor Sin) CosSin(ModelConfig config, Tensor positions, ScalarType dtype)
    {
        // HF's dynamic_rope_update sizes the frequencies by the largest position of the call, over the batch.
        var length = config.RopeScaling?.Type == RopeScalingType.Dynamic ? positions.max().item<long>() + 1 : 0;
        var inverseFrequencies = InverseFrequencies(config, length, positions.device);
        // batch, sequence, head dim / 2
        var angles = positions.to_type(ScalarType.Float32).unsqueeze(-1) * inverseFrequencies;
        // batch, 1, sequence, head dim
        var doubled = cat([angles, angles], -1).unsqueeze(1);
        return (doubled.cos().to_type(dtype), doubled.sin().to_type(dtype));
    }

    /// <summary>x · cos + rotate_half(x) · sin for x [batch, heads, sequence, head dim].</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        var half = x.shape[^1] / 2;
        var rotated = cat([-x.narrow(-1, half, half), x.narrow(-1, 0, half)], -1);
        return x * cos + rotated * sin;
    }

    /// <summary>
    /// Inverse frequencies [head dim / 2] in float32; <paramref name="length"/> (the largest position + 1) matters
    /// only under dynamic scaling.
    /// </summary>
    public static Tensor InverseFrequencies(ModelConfig config, long length, Device device)
    {
        var scaling = config.RopeScaling;
        return scaling?.Type switch
        {
            null => Default(config.RopeTheta, config.HeadDimension, device),
            RopeScalingType.Linear => Default(config.RopeTheta, config.HeadDimension, device) / scaling.Factor,
            RopeScalingType.Dynamic => Default(DynamicBase(config, scaling, length), config.HeadDimension, device),
            RopeScalingType.Llama3 => Llama3(Default(config.RopeTheta, config.HeadDimension, device), scaling),
            _ => throw new ArgumentOutOfRangeException(nameof(config), scaling.Type, "unknown rope scaling"),
        };
    }

    // head dim / 2: 1 / base^(2j / d)
    private static Tensor Default(double theta, int d, Device device)
    {
        var exponents = arange(0, d, 2, ScalarType.Float32, device) / d;
        return pow(tensor(theta, ScalarType.Float32, device), exponents).reciprocal();
    }

    // _compute_dynamic_ntk_parameters: the plain base until the sequence outgrows max_position_embeddings.
    private static double DynamicBase(ModelConfig config, RopeScaling scaling, long length)
    {
        var original = config.MaxPositions;
        if (length <= original)
        {
            return config.RopeTheta;
        }
        double d = config.HeadDimension;
        return config.RopeTheta
            * Math.Pow(scaling.Factor * length / original - (scaling.Factor - 1), d / (d - 2));
    }

    // _compute_llama3_parameters: wavelengths shorter than original / high_freq_factor keep their frequency,
    // longer than original / low_freq_factor are divided by the factor, and those between are interpolated.
    private static Tensor Llama3(Tensor inverseFrequencies, RopeScaling scaling)
    {
        var factor = scaling.Factor;
        var (low, high) = (scaling.LowFrequencyFactor, scaling.HighFrequencyFactor);
        double original = scaling.OriginalMaxPositions;
        var wavelengths = 2 * Math.PI / inverseFrequencies;
        var scaled = where(wavelengths > original / low, inverseFrequencies / factor, inverseFrequencies);
        var smooth = (original / wavelengths - low) / (high - low);
        var smoothed = (1 - smooth) * scaled / factor + smooth * scaled;
        var medium = wavelengths.ge(original / high).logical_and(wavelengths.le(original / low));
        return where(medium, smoothed, scaled);
    }
}
