using System.Diagnostics;
using SelfInstruct.Core.Configuration;
using SelfInstruct.Core.Prompts;
using SelfInstruct.Finetune.Configuration;
using SelfInstruct.Finetune.Data;
using SelfInstruct.Model;
using SelfInstruct.Model.Lora;
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

    /// <summary>Called with each checkpoint's temporary folder before its rename; tests inject faults here.</summary>
    internal Func<string, CancellationToken, Task>? BeforeCheckpointCommit { get; init; }

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
        var split = examples is null ? await TrainingRows.LoadAsync(config, cancellationToken) : null;
        var checkpoints = new CheckpointFolders(config.Output);
        var resumeFrom = config.Resume ? checkpoints.Latest() : null;
        Directory.CreateDirectory(config.Output);
        await FinetuneConfigFile.WriteAsync(config.Output, config, cancellationToken);
        torch.set_num_threads(config.Threads > 0 ? config.Threads : Environment.ProcessorCount);
        NativeHeap.KeepFreedMemory();
        var device = ChooseDevice(config.Device);
        // LoRA keeps the base frozen, so its checkpoints hold only the adapters and a resume starts from the base.
        var lora = config.LoraRank > 0;
        using var local = LocalModel.Load(
            lora ? config.BaseModel : resumeFrom ?? config.BaseModel, ScalarType.Float32, device);
        using var adapters = lora ? AttachAdapters(config, local, resumeFrom) : null;
        var data = Encode(config, local, split, examples);
        var trainable = adapters?.NamedParameters ?? local.Model.named_parameters().ToList();
        using var trainer = new Trainer(local.Model, trainable, config, data, device);
        var state = new TrainerState { TotalSteps = trainer.TotalSteps, Seed = config.Seed };
        if (resumeFrom is not null)
        {
            state = TrainerState.Read(resumeFrom);
            trainer.LoadOptimizer(Path.Combine(resumeFrom, TrainerState.FolderName, TrainerState.OptimizerFileName));
            trainer.MicroBatches = state.MicroBatches;
        }
        var metrics = new MetricsLog(config.Output);
        metrics.TruncateAfter(state.Step);
        var session = new Session(
            this, config, local, adapters, trainer, checkpoints, metrics, progress, storesFormat: examples is null)
        {
            Last = resumeFrom,
        };
        var clock = Stopwatch.StartNew();
        state = await session.TrainAsync(state, cancellationToken);
        var final = await checkpoints.WriteAsync(FinalFolderName,
            (folder, token) => session.WriteFinalAsync(folder, state, token), cancellationToken);
        LossPlot.Write(config.Output, metrics.Read());
        return new FinetuneResult(final, state.Step, state.FirstLoss, state.LastLoss, state.ValidationLoss,
            state.TokensTrained, data.Counts, data.Validation.Count, trainer.PaddingFraction, clock.Elapsed);
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
        var encoder = new ExampleEncoder(PromptFormat.For(config.Format), tokenizer, endOfText,
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

    /// <summary>The loop of one run: steps, logging, evaluation, checkpoints.</summary>
    private sealed class Session(
        FinetuneRun run,
        FinetuneConfig config,
        LocalModel local,
        LoraAdapters? adapters,
        Trainer trainer,
        CheckpointFolders checkpoints,
        MetricsLog metrics,
        IProgress<TrainingProgress>? progress,
        bool storesFormat)
    {
        public string? Last { get; set; }

        public async Task<TrainerState> TrainAsync(TrainerState state, CancellationToken cancellationToken)
        {
            var window = new LogWindow(state.Step);
            while (state.Step < trainer.TotalSteps)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (loss, tokens) = trainer.Step(state.Step);
                var step = state.Step + 1;
                if (!double.IsFinite(loss))
                {
                    throw new NonFiniteLossException(step, loss, Last);
                }
                state = state with
                {
                    Step = step,
                    MicroBatches = trainer.MicroBatches,
                    Epoch = trainer.Epoch,
                    TokensTrained = state.TokensTrained + tokens,
                    FirstLoss = state.Step == 0 ? loss : state.FirstLoss,
                    LastLoss = loss,
                };
                window.Add(loss, tokens);
                state = Report(state, window);
                if (config.SaveSteps > 0 && step % config.SaveSteps == 0 && step < trainer.TotalSteps)
                {
                    var current = state;
                    Last = await checkpoints.WriteAsync(CheckpointFolders.Name(step),
                        (folder, token) => WriteCheckpointAsync(folder, current, token), cancellationToken);
                    checkpoints.Prune(config.SaveTotalLimit);
                }
                if (config.CollectGarbageSteps > 0 && step % config.CollectGarbageSteps == 0)
                {
                    GC.Collect();
                }
            }
            return state;
        }

        /// <summary>
        /// The tuned checkpoint: with LoRA the adapters are merged first, so it is a plain Hugging Face checkpoint,
        /// and with <c>SaveAdapter</c> the adapter alone goes to <c>adapter/</c> inside it.
        /// </summary>
        public async Task WriteFinalAsync(string folder, TrainerState state, CancellationToken cancellationToken)
        {
            adapters?.Merge();
            await local.SaveAsync(folder, cancellationToken);
            if (adapters is not null && config.SaveAdapter)
            {
                await adapters.SaveAdapterAsync(Path.Combine(folder, AdapterFolderName), cancellationToken);
            }
            await WriteRunFilesAsync(folder, state, cancellationToken);
        }

        /// <summary>A step checkpoint: the whole model, or with LoRA the adapters alone (PEFT layout).</summary>
        public async Task WriteCheckpointAsync(string folder, TrainerState state, CancellationToken cancellationToken)
        {
            if (adapters is null)
            {
                await local.SaveAsync(folder, cancellationToken);
            }
            else
            {
                await adapters.SaveAdapterAsync(folder, cancellationToken);
            }
            await WriteRunFilesAsync(folder, state, cancellationToken);
        }

        private async Task WriteRunFilesAsync(string folder, TrainerState state, CancellationToken cancellationToken)
        {
            if (storesFormat)
            {
                await PromptFormatFile.WriteAsync(folder, config.Format, cancellationToken);
            }
            await FinetuneConfigFile.WriteAsync(folder, config, cancellationToken);
            Directory.CreateDirectory(Path.Combine(folder, TrainerState.FolderName));
            trainer.SaveOptimizer(Path.Combine(folder, TrainerState.FolderName, TrainerState.OptimizerFileName));
            await state.WriteAsync(folder, cancellationToken);
            if (run.BeforeCheckpointCommit is { } hook)
            {
                await hook(folder, cancellationToken);
            }
        }

        private TrainerState Report(TrainerState state, LogWindow window)
        {
            var step = state.Step;
            var last = step == trainer.TotalSteps;
            var evaluate = last || (config.EvalSteps > 0 && step % config.EvalSteps == 0);
            if (evaluate)
            {
                state = state with { ValidationLoss = trainer.ValidationLoss() };
            }
            if (evaluate || last || step % config.LoggingSteps == 0)
            {
                var report = window.Take(state, trainer.TotalSteps, trainer.Schedule.At(step - 1),
                    evaluate ? state.ValidationLoss : null);
                metrics.Append(report);
                progress?.Report(report);
            }
            return state;
        }
    }
}
