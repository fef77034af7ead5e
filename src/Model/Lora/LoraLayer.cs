using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SelfInstruct.Model.Lora;

/// <summary>
/// The adapter of one linear layer: A [rank, in] and B [out, rank] in float32 on the layer's device, added to the
/// layer's output by a forward hook, so the model file needs no change.
/// </summary>
internal sealed class LoraLayer : IDisposable
{
    private readonly Linear _linear;
    private readonly double _scaling;
    private readonly double _dropout;
    private Action? _removeHook;

    public LoraLayer(string modulePath, Linear linear, LoraOptions options, Generator generator)
    {
        ModulePath = modulePath;
        _linear = linear;
        _scaling = options.Scaling;
        _dropout = options.Dropout;
        var weight = linear.weight!;
        var (outFeatures, inFeatures) = (weight.shape[0], weight.shape[1]);
        // PEFT's kaiming_uniform_(a = sqrt(5)) on A: gain sqrt(2 / (1 + 5)) times sqrt(3 / fan in) = 1 / sqrt(in).
        var bound = 1 / Math.Sqrt(inFeatures);
        using (no_grad())
        {
            using var a = empty(options.Rank, inFeatures, ScalarType.Float32).uniform_(-bound, bound, generator);
            A = new Parameter(a.to(weight.device));
            B = new Parameter(zeros(outFeatures, options.Rank, ScalarType.Float32, weight.device));
        }
        _removeHook = linear.register_forward_hook((_, input, output) => output + Delta(input, output.dtype)).remove;
    }

    /// <summary>The linear layer's path in the model, such as <c>model.layers.0.self_attn.q_proj</c>.</summary>
    public string ModulePath { get; }

    /// <summary>The down projection [rank, in], PEFT's <c>lora_A.weight</c>.</summary>
    public Parameter A { get; }

    /// <summary>The up projection [out, rank], PEFT's <c>lora_B.weight</c>, zero at the start.</summary>
    public Parameter B { get; }

    /// <summary>Adds scaling · B·A to the layer's weight, in the weight's dtype, and removes the hook.</summary>
    public void Merge()
    {
        RemoveHook();
        var weight = _linear.weight!;
        using var noGrad = no_grad();
        using var delta = B.matmul(A).mul_(_scaling);
        using var converted = delta.to(weight.dtype, weight.device);
        weight.add_(converted);
    }

    public void Dispose()
    {
        RemoveHook();
        A.Dispose();
        B.Dispose();
    }

    // scaling · B·A·dropout(x) for x [..., in], computed in the adapters' float32 and returned in the layer's dtype.
    private Tensor Delta(Tensor input, ScalarType dtype)
    {
        var x = nn.functional.dropout(input.to_type(ScalarType.Float32), _dropout, _linear.training);
        var down = nn.functional.linear(x, A);
        return nn.functional.linear(down, B).mul(_scaling).to_type(dtype);
    }

    private void RemoveHook()
    {
        _removeHook?.Invoke();
        _removeHook = null;
    }
}
