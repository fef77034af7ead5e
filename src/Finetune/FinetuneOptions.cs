using System.CommandLine;
using SelfInstruct.Finetune.Configuration;

namespace SelfInstruct.Finetune;

/// <summary>The options of <c>selfinstruct finetune</c>, each bound once to its <see cref="FinetuneConfig"/>
/// setting.</summary>
internal sealed class FinetuneOptions
{
    public FinetuneOptions()
    {
        DeclareData();
        DeclareSchedule();
        DeclareFormat();
        DeclareCheckpoints();
        DeclareLora();
    }

    public ConfigOptions<FinetuneConfig> Settings { get; } =
        new("A JSON file of fine-tuning settings (snake_case keys, such as learning_rate).");

    public Option<bool> Plain { get; } = new("--plain")
    {
        Description = "Print a line per logging step instead of a progress bar.",
    };

    public IEnumerable<Option> All => [Settings.File!, .. Settings.Bindings.Select(binding => binding.Option), Plain];

    /// <summary>Defaults, then the JSON file, then the options; validated, every problem at once.</summary>
    public Task<FinetuneConfig> ResolveAsync(ParseResult parse, CancellationToken cancellationToken) =>
        Settings.ResolveAsync(parse, FinetuneConfigFile.ReadAsync, "fine-tuning settings", null, cancellationToken);

    private void DeclareData()
    {
        Settings.Path("--base", "DIR", "The checkpoint to start from (Hugging Face layout, such as one from " +
            "`model init`).", config => config.BaseModel, (config, value) => config with { BaseModel = value });
        Settings.Path("--data", "FILE", "The dataset: .parquet (ours), .json (Alpaca) or .jsonl (Self-Instruct " +
            "seed format).", config => config.Data, (config, value) => config with { Data = value });
        Settings.Path("--out", "DIR", "Output folder: checkpoint-NNNNNN/, final/ (the tuned checkpoint), " +
            "metrics.jsonl, loss.png.", config => config.Output, (config, value) => config with { Output = value });
        Settings.Flag("--include-seeds", "Also train on the seed tasks (--seeds).",
            config => config.IncludeSeeds, config => config with { IncludeSeeds = true });
        Settings.Path("--seeds", "FILE", "Seed tasks for --include-seeds.",
            config => config.SeedsPath, (config, value) => config with { SeedsPath = value });
        Settings.Value("--val-fraction", "X", "Share of tasks held out for the validation loss.",
            config => config.ValidationFraction, (config, value) => config with { ValidationFraction = value });
        Settings.Value("--seed", "N", "The one seed: templates, data order, weights' RNG and LoRA's initialisation.",
            config => config.Seed, (config, value) => config with { Seed = value });
    }

    private void DeclareSchedule()
    {
        Settings.Value("--epochs", "N", "Passes over the training split.",
            config => config.Epochs, (config, value) => config with { Epochs = value });
        Settings.OptionalValue("--max-steps", "N", "Optimizer steps instead of whole epochs.",
            config => config.MaxSteps, (config, value) => config with { MaxSteps = value }, "whole epochs");
        Settings.Value("--learning-rate", "X", "Peak learning rate, after a linear warmup and before cosine decay.",
            config => config.LearningRate, (config, value) => config with { LearningRate = value });
        Settings.Value("--batch-size", "N", "Examples per micro-batch.",
            config => config.BatchSize, (config, value) => config with { BatchSize = value });
        Settings.Value("--gradient-accumulation", "N", "Micro-batches per optimizer step.",
            config => config.GradientAccumulationSteps,
            (config, value) => config with { GradientAccumulationSteps = value });
        Settings.Choice("--device", "Where to train; auto picks CUDA when libtorch sees a GPU.",
            config => config.Device, (config, value) => config with { Device = value });
        Settings.Value("--threads", "N", "CPU threads; 0 uses one per core.",
            config => config.Threads, (config, value) => config with { Threads = value });
    }

    private void DeclareFormat()
    {
        Settings.Choice("--format", "Prompt format, stored in the checkpoint for evaluate.",
            config => config.Format, (config, value) => config with { Format = value });
        Settings.Choice("--masking", "Tokens in the loss.",
            config => config.Masking, (config, value) => config with { Masking = value });
        Settings.Choice("--truncation", "Examples longer than the context.",
            config => config.Truncation, (config, value) => config with { Truncation = value });
        Settings.OptionalValue("--max-length", "N", "Tokens per example at most.",
            config => config.MaxLength, (config, value) => config with { MaxLength = value },
            "the model's context length");
    }

    private void DeclareCheckpoints()
    {
        Settings.Value("--save-steps", "N", "Checkpoint every N steps; 0 only at the end.",
            config => config.SaveSteps, (config, value) => config with { SaveSteps = value });
        Settings.Value("--keep-checkpoints", "K", "Step checkpoints kept.",
            config => config.SaveTotalLimit, (config, value) => config with { SaveTotalLimit = value });
        Settings.Value("--eval-steps", "N", "Validation loss every N steps; 0 only at the end.",
            config => config.EvalSteps, (config, value) => config with { EvalSteps = value });
        Settings.Value("--logging-steps", "N", "A metrics line every N steps.",
            config => config.LoggingSteps, (config, value) => config with { LoggingSteps = value });
        Settings.Flag("--resume", "Continue from the newest checkpoint in --out.",
            config => config.Resume, config => config with { Resume = true });
    }

    private void DeclareLora()
    {
        Settings.Value("--lora-rank", "R", "LoRA rank; 0 trains every weight.",
            config => config.LoraRank, (config, value) => config with { LoraRank = value });
        Settings.Value("--lora-alpha", "X", "LoRA scale numerator.",
            config => config.LoraAlpha, (config, value) => config with { LoraAlpha = value });
        Settings.Value("--lora-dropout", "X", "Dropout before the adapters.",
            config => config.LoraDropout, (config, value) => config with { LoraDropout = value });
        Settings.List("--lora-targets", "NAME", "Projections that get adapters.",
            config => config.LoraTargets, (config, value) => config with { LoraTargets = value });
        Settings.Flag("--save-adapter", "With LoRA, also save the adapter alone (final/adapter) next to the " +
            "merged weights.", config => config.SaveAdapter, config => config with { SaveAdapter = true });
    }
}
