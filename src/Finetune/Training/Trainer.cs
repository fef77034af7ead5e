using SelfInstruct.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SelfInstruct.Finetune.Training;

/// <summary>
/// The synchronous tensor work of a run: optimizer steps over length-grouped micro-batches and the validation loss.
/// The trainable parameters are given, so full fine-tuning passes all of the model's and LoRA the adapters'. Forward
/// and backward run in the configured precision (see <see cref="MixedPrecision"/>).
/// </summary>
internal sealed class Trainer : IDisposable
{
    private readonly MixedPrecision _precision;
    private readonly FinetuneConfig _config;
    private readonly EncodedData _data;
    private readonly Device _device;
    private readonly Parameter[] _parameters;
    private readonly AdamW _optimizer;
    private readonly int[] _lengths;
    private (long Epoch, IReadOnlyList<int[]> Batches) _plan;

    public Trainer(
        CausalLanguageModel model,
        IReadOnlyList<(string Name, Parameter Parameter)> trainable,
        FinetuneConfig config,
        EncodedData data,
        Device device)
    {
        _config = config;
        _data = data;
        _device = device;
        _parameters = trainable.Select(pair => pair.Parameter).ToArray();
        _precision = MixedPrecision.Create(model, _parameters, config.Precision, device);
        _precision.Model.GradientCheckpointing = config.GradientCheckpointing;
        _optimizer = CreateOptimizer(trainable, config);
        _lengths = data.Train.Select(example => example.Length).ToArray();
        _plan = (0, EpochPlan(0));
        BatchesPerEpoch = _plan.Batches.Count;
        PaddingFraction = LengthGroupedBatches.PaddingFraction(_plan.Batches, _lengths);
        TotalSteps = config.MaxSteps
            ?? (int)Math.Ceiling((double)config.Epochs * BatchesPerEpoch / config.GradientAccumulationSteps);
        Schedule = LearningRateSchedule.FromRatio(config.LearningRate, config.WarmupRatio, TotalSteps);
    }

    public int BatchesPerEpoch { get; }

    public int TotalSteps { get; }

    public LearningRateSchedule Schedule { get; }

    /// <summary>Share of padding in the first epoch's batches.</summary>
    public double PaddingFraction { get; }

    /// <summary>Micro-batches consumed so far: the data position.</summary>
    public long MicroBatches { get; private set; }

    public double Epoch => (double)MicroBatches / BatchesPerEpoch;

    /// <summary>fp16's loss scale and the steps its overflows skipped; null in the other precisions.</summary>
    public LossScaler? Scaler => _precision.Scaler;

    /// <summary>
    /// Optimizer step <paramref name="step"/> (from 0): forward and backward over the accumulated micro-batches,
    /// clipping, and the AdamW update. A non-finite loss skips the update and is returned for the caller to stop; under
    /// fp16, overflowing gradients skip it too.
    /// </summary>
    public (double Loss, long Tokens) Step(int step)
    {
        var learningRate = Schedule.At(step);
        foreach (var group in _optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }
        // Dropout draws from the global generator; reseeding per step makes a resumed run draw what an
        // uninterrupted one would.
        torch.manual_seed(_config.Seed + step);
        var model = _precision.Model;
        model.train();
        using (NewDisposeScope())
        {
            // Outside a scope, the gradient handles zero_grad makes wait for the garbage collector.
            _optimizer.zero_grad();
        }
        _precision.CastWeights();
        var (lossSum, tokens) = (0.0, 0L);
        for (var micro = 0; micro < _config.GradientAccumulationSteps; micro++)
        {
            using var scope = NewDisposeScope();
            var (inputIds, labels, count) = TrainingBatch.Create(_data.Train, NextBatch(), _data.PadId, _device);
            var loss = model.Loss(inputIds, labels);
            lossSum += loss.item<float>();
            tokens += count;
            _precision.ScaleLoss(loss / _config.GradientAccumulationSteps).backward();
            _precision.CollectGradients();
        }
        var mean = lossSum / _config.GradientAccumulationSteps;
        if (double.IsFinite(mean) && _precision.Unscale())
        {
            using var scope = NewDisposeScope();
            if (_config.MaxGradNorm > 0)
            {
                nn.utils.clip_grad_norm_(_parameters, _config.MaxGradNorm);
            }
            _optimizer.step();
        }
        return (mean, tokens);
    }

    /// <summary>Mean loss per label token over the validation split in eval mode, or null without one.</summary>
    public double? ValidationLoss()
    {
        if (_data.Validation.Count == 0)
        {
            return null;
        }
        var model = _precision.Model;
        _precision.CastWeights();
        model.eval();
        using var noGrad = no_grad();
        var order = Enumerable.Range(0, _data.Validation.Count)
            .OrderBy(index => _data.Validation[index].Length).ToArray();
        var (total, count) = (0.0, 0L);
        foreach (var batch in order.Chunk(_config.BatchSize))
        {
            using var scope = NewDisposeScope();
            var (inputIds, labels, _) = TrainingBatch.Create(_data.Validation, batch, _data.PadId, _device);
            var loss = model.Loss(inputIds, labels);
            var labelled = labels.narrow(1, 1, labels.shape[1] - 1).ne(CausalLanguageModel.IgnoreIndex).sum()
                .item<long>();
            if (labelled > 0)
            {
                total += loss.item<float>() * labelled;
                count += labelled;
            }
        }
        model.train();
        return count == 0 ? null : total / count;
    }

    /// <summary>Writes the optimizer's moments into the trainer state of <paramref name="checkpoint"/>.</summary>
    public void SaveOptimizer(string checkpoint)
    {
        Directory.CreateDirectory(Path.Combine(checkpoint, TrainerState.FolderName));
        _optimizer.save_state_dict(OptimizerPath(checkpoint));
    }

    /// <summary>
    /// Continues from the step checkpoint <paramref name="checkpoint"/>: its optimizer moments and its data position.
    /// Returns its trainer state.
    /// </summary>
    public TrainerState Restore(string checkpoint)
    {
        var state = TrainerState.Read(checkpoint);
        _optimizer.load_state_dict(OptimizerPath(checkpoint));
        MicroBatches = state.MicroBatches;
        return state;
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _precision.Dispose();
    }

    private static AdamW CreateOptimizer(
        IReadOnlyList<(string Name, Parameter Parameter)> trainable, FinetuneConfig config)
    {
        static bool Decays(string name) =>
            !name.EndsWith(".bias", StringComparison.Ordinal) && !name.Contains("norm", StringComparison.Ordinal);
        AdamW.ParamGroup Group(bool decay) => new(
            trainable.Where(pair => Decays(pair.Name) == decay).Select(pair => pair.Parameter).ToArray(),
            config.LearningRate, config.AdamBeta1, config.AdamBeta2, config.AdamEpsilon,
            decay ? config.WeightDecay : 0);
        // TorchSharp's AdamW defaults to no weight decay (PyTorch's to 0.01): both groups say theirs explicitly.
        return optim.AdamW([Group(decay: true), Group(decay: false)], config.LearningRate, config.AdamBeta1,
            config.AdamBeta2, config.AdamEpsilon, config.WeightDecay);
    }

    private static string OptimizerPath(string checkpoint) =>
        Path.Combine(checkpoint, TrainerState.FolderName, TrainerState.OptimizerFileName);

    private int[] NextBatch()
    {
        var epoch = MicroBatches / BatchesPerEpoch;
        if (_plan.Epoch != epoch)
        {
            _plan = (epoch, EpochPlan(epoch));
        }
        var batch = _plan.Batches[(int)(MicroBatches % BatchesPerEpoch)];
        MicroBatches++;
        return batch;
    }

    private IReadOnlyList<int[]> EpochPlan(long epoch) => LengthGroupedBatches.Plan(
        _lengths, _config.BatchSize, new Random(unchecked(_config.Seed * 7919 + (int)epoch)));
}
