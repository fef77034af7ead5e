using SelfInstruct.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SelfInstruct.Finetune.Training;

/// <summary>
/// The model forward and backward run on, in the run's precision. When the trained model's weights are float32 and
/// the precision is not, that is a copy in bf16 or fp16: the float32 weights stay the optimizer's masters, are cast
/// into the copy once per step, and the copy's gradients come back to them as float32, as torchtune's and PyTorch
/// autocast's recipes keep them. Otherwise (float32, or LoRA, whose frozen base is loaded in the compute dtype and
/// whose adapters are float32) it is the model itself. fp16 adds a <see cref="LossScaler"/>.
/// </summary>
internal sealed class MixedPrecision : IDisposable
{
    private readonly (Parameter Master, Parameter Compute)[] _pairs;
    private readonly Parameter[] _trainable;
    private readonly CausalLanguageModel? _copy;

    private MixedPrecision(CausalLanguageModel model, CausalLanguageModel? copy,
        (Parameter Master, Parameter Compute)[] pairs, Parameter[] trainable, LossScaler? scaler)
    {
        Model = copy ?? model;
        _copy = copy;
        _pairs = pairs;
        _trainable = trainable;
        Scaler = scaler;
    }

    /// <summary>The model to run forward and backward.</summary>
    public CausalLanguageModel Model { get; }

    /// <summary>fp16's loss scale, or null in the other precisions.</summary>
    public LossScaler? Scaler { get; }

    /// <summary>The compute dtype of <paramref name="precision"/>.</summary>
    public static ScalarType Dtype(TrainingPrecision precision) => precision switch
    {
        TrainingPrecision.Bf16 => ScalarType.BFloat16,
        TrainingPrecision.Fp16Mixed => ScalarType.Float16,
        _ => ScalarType.Float32,
    };

    /// <summary>The compute model for <paramref name="model"/>, whose <paramref name="trainable"/> it trains.</summary>
    public static MixedPrecision Create(CausalLanguageModel model, IReadOnlyList<Parameter> trainable,
        TrainingPrecision precision, Device device)
    {
        var dtype = Dtype(precision);
        var scaler = precision == TrainingPrecision.Fp16Mixed ? new LossScaler() : null;
        var trained = trainable.ToArray();
        if (model.parameters().First().dtype == dtype)
        {
            return new MixedPrecision(model, null, [], trained, scaler);
        }
        var copy = new CausalLanguageModel(model.Config, dtype);
        copy.to(device);
        var masters = model.named_parameters().ToDictionary(pair => pair.name, pair => pair.parameter);
        var isTrained = trained.ToHashSet();
        var pairs = copy.named_parameters().Select(pair => (Master: masters[pair.name], Compute: pair.parameter))
            .ToArray();
        foreach (var (master, compute) in pairs)
        {
            compute.requires_grad = isTrained.Contains(master);
        }
        return new MixedPrecision(model, copy, pairs, trained, scaler);
    }

    /// <summary>Casts the master weights into the copy (once per step, and before evaluating); clears its gradients.
    /// </summary>
    public void CastWeights()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (master, compute) in _pairs)
        {
            compute.copy_(master);
            compute.grad = null;
        }
    }

    /// <summary>The loss to call backward on: multiplied by the loss scale under fp16.</summary>
    public Tensor ScaleLoss(Tensor loss) => Scaler is null ? loss : loss * Scaler.Scale;

    /// <summary>
    /// After each micro-batch's backward: adds the copy's gradients to the masters' in float32 and clears them, so
    /// that gradient accumulation sums in float32.
    /// </summary>
    public void CollectGradients()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (master, compute) in _pairs)
        {
            if (compute.grad is not { } gradient)
            {
                continue;
            }
            if (master.grad is { } sum)
            {
                sum.add_(gradient);
            }
            else
            {
                master.grad = gradient.to_type(ScalarType.Float32);
            }
            compute.grad = null;
        }
    }

    /// <summary>
    /// Before the update: under fp16, divides the gradients by the loss scale and updates it. Returns false when the
    /// step must be skipped: some gradient overflowed.
    /// </summary>
    public bool Unscale()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        if (Scaler is null)
        {
            return true;
        }
        var overflow = tensor(false, device: _trainable[0].device);
        foreach (var gradient in _trainable.Select(parameter => parameter.grad).OfType<Tensor>())
        {
            gradient.div_(Scaler.Scale);
            overflow = overflow.logical_or(gradient.isfinite().all().logical_not());
        }
        return Scaler.Update(!overflow.item<bool>());
    }

    public void Dispose() => _copy?.Dispose();
}
