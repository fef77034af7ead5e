using System.Diagnostics;
using SelfInstruct.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace SelfInstruct.Finetune.Training;

/// <summary>
/// <c>selfinstruct finetune</c> as a library call: a base checkpoint and a dataset in, a tuned Hugging Face
/// checkpoint out. Output folder: step checkpoints <c>checkpoint-NNNNNN/</c> (with <c>trainer_state/</c>), the tuned
/// checkpoint <c>final/</c>, <c>metrics.jsonl</c>, <c>loss.png</c> and the settings in
/// <c>selfinstruct_finetune.json</c>.
/// </summary>
public sealed class FinetuneRun
{
    /// <summary>The folder of the tuned checkpoint inside the output folder; it exists only once complete.</summary>
    public const string FinalFolderName = "final";

    /// <summary>The folder of the adapter alone inside the final checkpoint of a LoRA run with SaveAdapter.</summary>
    public const string AdapterFolderName = "adapter";

    private readonly FinetuneHooks _hooks;

    /// <summary>A run; <paramref name="hooks"/> come from the host (see <see cref="TrainingProcess"/>).</summary>
    public FinetuneRun(FinetuneHooks? hooks = null)
    {
        _hooks = hooks ?? new FinetuneHooks();
    }

    /// <summary>Whether <paramref name="output"/> holds a finished run's tuned checkpoint.</summary>
    public static bool IsComplete(string output) => Directory.Exists(Path.Combine(output, FinalFolderName));

    /// <summary>Trains as configured, resuming from the newest checkpoint when <c>Resume</c> is set.</summary>
    /// <exception cref="ConfigException">The settings cannot run.</exception>
    /// <exception cref="DirectoryNotFoundException">The base checkpoint does not exist.</exception>
    /// <exception cref="InvalidDataException">The dataset is malformed or empty.</exception>
    /// <exception cref="NonFiniteLossException">The loss became NaN or infinite.</exception>
    public Task<FinetuneResult> RunAsync(
        FinetuneConfig config, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken) =>
        RunAsync(config, null, progress, cancellationToken);

    /// <summary>
    /// Trains on <paramref name="examples"/> already written as prompt and response (the config's data and prompt
    /// format are not used, no validation split is held out, and the checkpoint stores no prompt format), or, when
    /// null, on the configured dataset. The pipeline's warm-up trains this way.
    /// </summary>
    public async Task<FinetuneResult> RunAsync(FinetuneConfig config, IReadOnlyList<SftExample>? examples,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        CheckCanStart(config);
        var baseline = ProcessMemory.Resident();
        var split = examples is null ? await TrainingRows.LoadAsync(config, cancellationToken) : null;
        var resumeFrom = config.Resume ? new CheckpointFolders(config.Output).Latest() : null;
        Directory.CreateDirectory(config.Output);
        await FinetuneConfigFile.WriteAsync(config.Output, config, cancellationToken);
        var device = ChooseDevice(config.Device);
        using var model = TrainedModel.Load(config, resumeFrom, device);
        var data = Encode(config, model.Local, split, examples);
        config = PlanMemory(config, model.Local.Model, data, device);
        using var trainer = new Trainer(model.Local.Model, model.Trainable, config, data, device);
        var state = resumeFrom is null
            ? new TrainerState { TotalSteps = trainer.TotalSteps, Seed = config.Seed }
            : trainer.Restore(resumeFrom);
        var metrics = new MetricsLog(config.Output);
        metrics.TruncateAfter(state.Step);
        var checkpoints = new CheckpointWriter(
            config, model, trainer, storesFormat: examples is null, _hooks.BeforeCheckpointCommit);
        var loop = new TrainingLoop(config, trainer, checkpoints, report =>
        {
            report = report with { PeakMemoryBytes = ProcessMemory.Peak() - baseline };
            metrics.Append(report);
            progress?.Report(report);
        }, _hooks.AfterStep);
        var clock = Stopwatch.StartNew();
        state = await loop.RunAsync(state, resumeFrom, cancellationToken);
        var final = await checkpoints.WriteFinalAsync(state, cancellationToken);
        LossPlot.Write(config.Output, metrics.Read());
        return new FinetuneResult(final, Path.Combine(config.Output, MetricsLog.FileName),
            Path.Combine(config.Output, LossPlot.FileName),
            Path.Combine(config.Output, FinetuneConfigFile.FileName), state.Step, state.FirstLoss, state.LastLoss,
            state.ValidationLoss, state.TokensTrained, data.Counts, data.Validation.Count, trainer.PaddingFraction,
            clock.Elapsed);
    }

    private static void CheckCanStart(FinetuneConfig config)
    {
        config.Validate("fine-tuning settings");
        if (!Directory.Exists(config.BaseModel))
        {
            throw new DirectoryNotFoundException($"{config.BaseModel}: the base checkpoint does not exist");
        }
        if (IsComplete(config.Output))
        {
            throw new IOException($"{config.Output}: this run is already complete ({FinalFolderName}/ exists); " +
                "choose a new output folder");
        }
        if (!config.Resume && new CheckpointFolders(config.Output).Latest() is { } existing)
        {
            throw new IOException($"{config.Output}: holds checkpoints ({Path.GetFileName(existing)}); resume " +
                "with --resume or choose a new output folder");
        }
    }

    // The plan of the longest row's batches against the free memory plus the weights already loaded; auto picks the
    // batch size.
    private FinetuneConfig PlanMemory(FinetuneConfig config, CausalLanguageModel model, EncodedData data, Device device)
    {
        var length = data.Train.Max(example => example.Length);
        var batchSize = Math.Min(config.BatchSize, data.Train.Count);
        var free = device.type == DeviceType.CPU ? (_hooks.FreeCpuMemory ?? ProcessMemory.Available)() : null;
        var loaded = model.parameters().Sum(parameter => parameter.NumberOfElements * parameter.ElementSize);
        var plan = config.AutoBatchSize && free is { } bytes
            ? MemoryPlan.LargestBatch(model.Config, config, batchSize, length, bytes + loaded)
            : MemoryPlan.Estimate(model.Config, config, batchSize, length);
        _hooks.MemoryPlanned?.Invoke(plan, free);
        if (free is { } available && plan.Total > available + loaded && !config.Force)
        {
            throw new ConfigException("fine-tuning settings", [$"the memory plan needs {Mebibytes(plan.Total)} " +
                $"(batch {plan.BatchSize} × {length} tokens) but {Mebibytes(available + loaded)} is free; lower " +
                "--batch-size or --max-length, add --gradient-checkpointing, --precision bf16 or --lora-rank, or " +
                "start anyway with --force"]);
        }
        return config.AutoBatchSize ? config with { BatchSize = plan.BatchSize } : config;
    }

    private static string Mebibytes(long bytes) => $"{bytes / 1048576.0:N0} MiB";

    private static Device ChooseDevice(TrainingDevice choice) => choice switch
    {
        TrainingDevice.Cpu => CPU,
        TrainingDevice.Cuda when cuda.is_available() => CUDA,
        TrainingDevice.Cuda => throw new ConfigException("fine-tuning settings",
            ["device cuda: libtorch sees no CUDA device; build with -p:TorchBackend=cuda on a GPU machine, or use " +
                "--device cpu"]),
        _ => cuda.is_available() ? CUDA : CPU,
    };

    private static EncodedData Encode(
        FinetuneConfig config, LocalModel local, TrainingSplit? split, IReadOnlyList<SftExample>? examples)
    {
        var tokenizer = local.Tokenizer;
        var endOfText = tokenizer.EosTokenId ?? throw new InvalidDataException(
            $"{config.BaseModel}: the tokenizer names no end-of-text token, which ends every training response");
        var format = config.Format == PromptFormatKind.Chat
            ? PromptFormat.ForChat(ChatFormat.Of(tokenizer.ChatTemplate))
            : PromptFormat.For(config.Format);
        var encoder = new ExampleEncoder(format, tokenizer, endOfText,
            Math.Min(config.MaxLength ?? int.MaxValue, local.Model.Config.MaxPositions), config.Masking,
            config.Truncation);
        var (train, counts) = split is null
            ? encoder.EncodeAll(examples!)
            : encoder.EncodeAll(split.Train, new Random(config.Seed));
        var (validation, _) = split is null ? ([], counts) : encoder.EncodeAll(split.Validation, null);
        if (train.Count == 0)
        {
            throw new InvalidDataException($"{config.Data}: every one of the {counts.Dropped} training examples is " +
                "longer than the context and was dropped; raise --max-length or use --truncation truncate-prompt");
        }
        return new EncodedData(train, validation, counts, tokenizer.PadTokenId ?? endOfText);
    }
}
