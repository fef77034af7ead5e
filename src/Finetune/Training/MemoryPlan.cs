using SelfInstruct.Model;

namespace SelfInstruct.Finetune.Training;

/// <summary>
/// What a run will hold at its peak, in bytes, estimated from the settings before the first step: the weights (the
/// float32 masters, or LoRA's base in its dtype, plus a bf16/fp16 compute copy and LoRA's float32 adapters), the
/// gradients, AdamW's two float32 moments per trainable parameter, and the activations backward needs for a
/// micro-batch of <c>batch × length</c> tokens (with gradient checkpointing: each layer's input, plus one layer
/// recomputed), with the loss's logit blocks and the backward pass's transients.
/// </summary>
public sealed record MemoryPlan(long Weights, long Gradients, long OptimizerState, long Activations, int BatchSize)
{
    /// <summary>
    /// What libtorch itself takes once training starts (thread pools, kernel workspaces, the allocator's slack),
    /// measured as the peak growth of a training process on the CPU less the estimate of a tiny model's tensors.
    /// </summary>
    public const long RuntimeOverhead = 48L << 20;

    // The heap's share on top of the live activations (see ActivationBytes).
    private const double HeapSlack = 1.15;

    public long Total => Weights + Gradients + OptimizerState + Activations + RuntimeOverhead;

    /// <summary>The plan for <paramref name="model"/> trained as <paramref name="config"/> on rows of
    /// <paramref name="length"/> tokens, <paramref name="batchSize"/> to a micro-batch.</summary>
    public static MemoryPlan Estimate(ModelConfig model, FinetuneConfig config, int batchSize, int length)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(config);
        var compute = DtypeSize(config.Precision);
        var parameters = model.ParameterCount();
        var lora = config.LoraRank > 0;
        var trainable = lora ? LoraParameters(model, config) : parameters;
        var mixed = !lora && compute != 4;
        var weights = lora
            ? parameters * compute + trainable * 4
            : parameters * 4 + (mixed ? parameters * compute : 0);
        var gradients = trainable * 4 + (mixed ? trainable * compute : 0);
        var tokens = (long)batchSize * length;
        return new MemoryPlan(weights, gradients, trainable * 8,
            ActivationBytes(model, config, compute, tokens), batchSize);
    }

    /// <summary>
    /// <paramref name="start"/> halved until the plan fits in <paramref name="free"/> bytes, or 1; the plan of the
    /// batch size chosen.
    /// </summary>
    public static MemoryPlan LargestBatch(ModelConfig model, FinetuneConfig config, int start, int length, long free)
    {
        var plan = Estimate(model, config, start, length);
        while (plan.Total > free && plan.BatchSize > 1)
        {
            plan = Estimate(model, config, plan.BatchSize / 2, length);
        }
        return plan;
    }

    private static long DtypeSize(TrainingPrecision precision) => precision == TrainingPrecision.Fp32 ? 4 : 2;

    // A, rank × in, and B, out × rank, on each targeted projection of every layer.
    private static long LoraParameters(ModelConfig model, FinetuneConfig config)
    {
        long hidden = model.HiddenSize;
        long queries = (long)model.HeadCount * model.HeadDimension;
        long keyValues = (long)model.KeyValueHeadCount * model.HeadDimension;
        long intermediate = model.IntermediateSize;
        var perLayer = config.LoraTargets.Sum(target => target switch
        {
            "q_proj" => hidden + queries,
            "k_proj" or "v_proj" => hidden + keyValues,
            "o_proj" => queries + hidden,
            "gate_proj" or "up_proj" or "down_proj" => hidden + intermediate,
            _ => 0,
        });
        return perLayer * config.LoraRank * model.LayerCount;
    }

    // Tensors autograd keeps per token: per layer two float32 norms, the projections' inputs and outputs, the rotated
    // queries and keys, attention's inputs (keys and values repeated to every head) and output, and the MLP's three
    // intermediate tensors and product; then the loss's blocks of float32 logits, which it turns into probabilities
    // and gradients, and its gradients of the hidden states and of the head.
    private static long ActivationBytes(ModelConfig model, FinetuneConfig config, long compute, long tokens)
    {
        long hidden = model.HiddenSize;
        long queries = (long)model.HeadCount * model.HeadDimension;
        long keyValues = (long)model.KeyValueHeadCount * model.HeadDimension;
        var norm = 2 * 4 * hidden + compute * hidden;
        var attention = compute * (2 * queries + 2 * keyValues + 4 * queries + queries);
        var mlp = 4 * compute * model.IntermediateSize;
        var layer = tokens * (2 * norm + attention + mlp);
        var residual = tokens * compute * hidden;
        // Checkpointing keeps each layer's input and TorchSharp's output placeholder, and recomputes one layer.
        var layers = config.GradientCheckpointing
            ? model.LayerCount * 2 * residual + layer
            : model.LayerCount * layer;
        var blockRows = Math.Min(tokens, Math.Max(1, LinearCrossEntropy.BlockElements / model.VocabSize));
        var loss = 3 * blockRows * model.VocabSize * 4 + 2 * residual + (long)model.VocabSize * hidden * compute;
        // Backward holds one layer's activation gradients next to what is kept; the heap keeps freed blocks that the
        // next step's differently sized tensors do not all fit, 15% more on the CPU bench's three presets.
        return (long)((layers + norm * tokens + loss + layer) * HeapSlack);
    }
}
