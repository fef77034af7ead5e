using static TorchSharp.torch;

namespace SelfInstruct.Model;

/// <summary>
/// Gradient checkpointing of one decoder layer (TorchSharp has no <c>torch.utils.checkpoint</c>): the forward pass
/// runs without grad and keeps only the layer's input; the backward pass runs the layer again with grad from that
/// input and back-propagates through the recomputed graph, as PyTorch's reentrant checkpoint does. The layer's
/// parameters get their gradients from that inner backward; the input's gradient is returned. Dropout (LoRA's) draws
/// the same masks twice: the forward seeds the generators and the recomputation reseeds them with the same seed.
/// </summary>
internal sealed class LayerCheckpoint : autograd.SingleTensorFunction<LayerCheckpoint>
{
    public override string Name => nameof(LayerCheckpoint);

    /// <summary>The layer's output for <paramref name="x"/> [batch, sequence, hidden], recomputed later.</summary>
    public static Tensor Run(DecoderLayer layer, Tensor x, DecoderInputs inputs) => apply(x, layer, inputs);

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        // The layer's temporaries would otherwise live in the caller's scope until the whole forward pass ends.
        using var scope = NewDisposeScope();
        var (x, layer, inputs) = ((Tensor)vars[0], (DecoderLayer)vars[1], (DecoderInputs)vars[2]);
        // The masks and the rotary tables die with the forward pass's dispose scope; saved, the graph keeps them.
        ctx.save_for_backward([x, inputs.Positions, inputs.Mask!, inputs.WindowMask!, inputs.Cos!, inputs.Sin!,
            inputs.LocalCos!, inputs.LocalSin!]);
        // A step of Knuth's MMIX generator from the last seed: no tensor, so nothing is made on the CPU.
        var seed = unchecked(random.initial_seed() * 6364136223846793005L + 1442695040888963407L);
        ctx.save_data("layer", layer);
        ctx.save_data("seed", seed);
        manual_seed(seed);
        return layer.call(x, inputs).MoveToOuterDisposeScope();
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        // The recomputed activations must go when this layer's backward is done, not with the whole backward pass.
        using var scope = NewDisposeScope();
        var saved = ctx.get_saved_variables();
        var layer = (DecoderLayer)ctx.get_data("layer");
        var inputs = new DecoderInputs(saved[1], saved[2], saved[3], null, null, saved[4], saved[5], saved[6],
            saved[7]);
        using var enableGrad = enable_grad();
        var x = saved[0].detach().requires_grad_();
        using var generatorState = random.get_rng_state();
        manual_seed((long)ctx.get_data("seed"));
        var output = layer.call(x, inputs);
        random.set_rng_state(generatorState);
        autograd.backward([output], [grad_output]);
        return [x.grad!.MoveToOuterDisposeScope(), null!, null!];
    }
}
