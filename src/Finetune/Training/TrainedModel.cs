using SelfInstruct.Model;
using SelfInstruct.Model.Checkpoints;
using SelfInstruct.Model.Lora;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SelfInstruct.Finetune.Training;

/// <summary>
/// The model a run trains: the loaded checkpoint and, with LoRA, the adapters attached to it. LoRA keeps the base
/// frozen, so its step checkpoints hold only the adapters and a resume loads the base and then them. Full fine-tuning
/// loads float32 weights, the optimizer's masters; LoRA loads the base in the training precision's dtype.
/// </summary>
internal sealed class TrainedModel : IDisposable
{
    private readonly FinetuneConfig _config;
    private readonly LoraAdapters? _adapters;

    private TrainedModel(FinetuneConfig config, LocalModel local, LoraAdapters? adapters)
    {
        _config = config;
        Local = local;
        _adapters = adapters;
    }

    public LocalModel Local { get; }

    /// <summary>Full fine-tuning trains all of the model's parameters, LoRA the adapters'.</summary>
    public IReadOnlyList<(string Name, Parameter Parameter)> Trainable =>
        _adapters?.NamedParameters ?? Local.Model.named_parameters().ToList();

    /// <summary>The base checkpoint, or the step checkpoint <paramref name="resumeFrom"/>, on a device.</summary>
    public static TrainedModel Load(FinetuneConfig config, string? resumeFrom, Device device)
    {
        var lora = config.LoraRank > 0;
        // LoRA's frozen base needs no float32 masters: it is held in the compute dtype from the start.
        var local = lora
            ? LocalModel.Load(config.BaseModel, MixedPrecision.Dtype(config.Precision), device)
            : LocalModel.Load(resumeFrom ?? config.BaseModel, ScalarType.Float32, device);
        try
        {
            return new TrainedModel(config, local, lora ? AttachAdapters(config, local, resumeFrom) : null);
        }
        catch
        {
            local.Dispose();
            throw;
        }
    }

    /// <summary>A step checkpoint's weights: the whole model, or with LoRA the adapters alone (PEFT layout).</summary>
    public Task SaveCheckpointAsync(string folder, CancellationToken cancellationToken) => _adapters is null
        ? Local.SaveAsync(folder, null, cancellationToken)
        : _adapters.SaveAdapterAsync(folder, cancellationToken);

    /// <summary>
    /// The tuned checkpoint's weights: with LoRA the adapters are merged first, so it is a plain Hugging Face
    /// checkpoint, and with <c>SaveAdapter</c> the adapter alone goes to <c>adapter/</c> inside it.
    /// </summary>
    public async Task SaveTunedAsync(string folder, CancellationToken cancellationToken)
    {
        _adapters?.Merge();
        await Local.SaveAsync(folder, TunedDtype(), cancellationToken);
        if (_adapters is not null && _config.SaveAdapter)
        {
            await _adapters.SaveAdapterAsync(Path.Combine(folder, FinetuneRun.AdapterFolderName), cancellationToken);
        }
    }

    public void Dispose()
    {
        _adapters?.Dispose();
        Local.Dispose();
    }

    // Same: the base's config.json, not the loaded folder's, which after a resume is a float32 step checkpoint.
    private ScalarType TunedDtype() => _config.SaveDtype switch
    {
        SaveDtype.Fp32 => ScalarType.Float32,
        SaveDtype.Bf16 => ScalarType.BFloat16,
        SaveDtype.Fp16 => ScalarType.Float16,
        _ => Checkpoint.ParseDtype(HfConfigFile.Read(Path.Combine(_config.BaseModel, HfConfigFile.FileName)).Dtype),
    };

    private static LoraAdapters AttachAdapters(FinetuneConfig config, LocalModel local, string? resumeFrom)
    {
        var adapters = LoraAdapters.Attach(local.Model, config.LoraOptions(), config.Seed);
        adapters.BaseModelNameOrPath = config.BaseModel;
        if (resumeFrom is not null)
        {
            adapters.LoadWeights(resumeFrom);
        }
        return adapters;
    }
}
