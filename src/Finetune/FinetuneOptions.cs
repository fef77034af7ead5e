using System.CommandLine;
using System.Text.Json;
using SelfInstruct.Core.Configuration;
using SelfInstruct.Core.Prompts;
using SelfInstruct.Finetune.Configuration;

namespace SelfInstruct.Finetune;

/// <summary>The options of <c>selfinstruct finetune</c> and how they overlay the JSON settings.</summary>
internal sealed class FinetuneOptions
{
    public Option<DirectoryInfo?> Base { get; } = new("--base")
    {
        HelpName = "DIR",
        Description = "The checkpoint to start from (Hugging Face layout, such as one from `model init`).",
    };

    public Option<FileInfo?> Data { get; } = new("--data")
    {
        HelpName = "FILE",
        Description = "The dataset: .parquet (ours), .json (Alpaca) or .jsonl (Self-Instruct seed format).",
    };

    public Option<DirectoryInfo?> Out { get; } = new("--out")
    {
        HelpName = "DIR",
        Description = "Output folder: checkpoint-NNNNNN/, final/ (the tuned checkpoint), metrics.jsonl, loss.png.",
    };

    public Option<FileInfo?> Config { get; } = new("--config")
    {
        HelpName = "FILE",
        Description = "A JSON file of fine-tuning settings (snake_case keys, such as learning_rate).",
    };

    public Option<int?> Epochs { get; } = new("--epochs") { HelpName = "N", Description = "Passes [default: 2]." };

    public Option<int?> MaxSteps { get; } = new("--max-steps")
    {
        HelpName = "N",
        Description = "Optimizer steps instead of whole epochs.",
    };

    public Option<double?> LearningRate { get; } = new("--learning-rate")
    {
        HelpName = "X",
        Description = "Peak learning rate, after a linear warmup and before cosine decay [default: 2e-5].",
    };

    public Option<int?> BatchSize { get; } = new("--batch-size")
    {
        HelpName = "N",
        Description = "Examples per micro-batch [default: 8].",
    };

    public Option<int?> Accumulation { get; } = new("--gradient-accumulation")
    {
        HelpName = "N",
        Description = "Micro-batches per optimizer step [default: 1].",
    };

    public Option<string?> Device { get; } = new("--device")
    {
        HelpName = "auto|cpu|cuda",
        Description = "Where to train; auto picks CUDA when libtorch sees a GPU [default: auto].",
    };

    public Option<string?> Format { get; } = new("--format")
    {
        HelpName = "self-instruct|alpaca",
        Description = "Prompt format, stored in the checkpoint for evaluate [default: self-instruct].",
    };

    public Option<string?> Masking { get; } = new("--masking")
    {
        HelpName = "output-only|full-sequence",
        Description = "Tokens in the loss [default: output-only].",
    };

    public Option<string?> Truncation { get; } = new("--truncation")
    {
        HelpName = "truncate-prompt|drop",
        Description = "Examples longer than the context [default: truncate-prompt].",
    };

    public Option<int?> MaxLength { get; } = new("--max-length")
    {
        HelpName = "N",
        Description = "Tokens per example at most [default: the model's context length].",
    };

    public Option<bool> IncludeSeeds { get; } = new("--include-seeds")
    {
        Description = "Also train on the seed tasks (--seeds).",
    };

    public Option<FileInfo?> Seeds { get; } = new("--seeds")
    {
        HelpName = "FILE",
        Description = "Seed tasks for --include-seeds [default: data/seed_tasks.jsonl].",
    };

    public Option<double?> ValidationFraction { get; } = new("--val-fraction")
    {
        HelpName = "X",
        Description = "Share of tasks held out for the validation loss [default: 0.05].",
    };

    public Option<int?> Seed { get; } = new("--seed") { HelpName = "N", Description = "The one seed [default: 42]." };

    public Option<int?> Threads { get; } = new("--threads")
    {
        HelpName = "N",
        Description = "CPU threads [default: one per core].",
    };

    public Option<int?> SaveSteps { get; } = new("--save-steps")
    {
        HelpName = "N",
        Description = "Checkpoint every N steps [default: 500].",
    };

    public Option<int?> SaveTotalLimit { get; } = new("--keep-checkpoints")
    {
        HelpName = "K",
        Description = "Step checkpoints kept [default: 2].",
    };

    public Option<int?> EvalSteps { get; } = new("--eval-steps")
    {
        HelpName = "N",
        Description = "Validation loss every N steps [default: 100].",
    };

    public Option<int?> LoggingSteps { get; } = new("--logging-steps")
    {
        HelpName = "N",
        Description = "A metrics line every N steps [default: 10].",
    };

    public Option<bool> Resume { get; } = new("--resume")
    {
        Description = "Continue from the newest checkpoint in --out.",
    };

    public Option<int?> LoraRank { get; } = new("--lora-rank")
    {
        HelpName = "R",
        Description = "LoRA rank; 0 trains every weight [default: 0].",
    };

    public Option<double?> LoraAlpha { get; } = new("--lora-alpha")
    {
        HelpName = "X",
        Description = "LoRA scale numerator [default: 16].",
    };

    public Option<double?> LoraDropout { get; } = new("--lora-dropout")
    {
        HelpName = "X",
        Description = "Dropout before the adapters [default: 0.05].",
    };

    public Option<string[]?> LoraTargets { get; } = new("--lora-targets")
    {
        HelpName = "NAME",
        Description = "Projections that get adapters [default: q_proj v_proj].",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<bool> SaveAdapter { get; } = new("--save-adapter")
    {
        Description = "With LoRA, also save the adapter alone (final/adapter) next to the merged weights.",
    };

    public Option<bool> Plain { get; } = new("--plain")
    {
        Description = "Print a line per logging step instead of a progress bar.",
    };

    public IEnumerable<Option> All =>
    [
        Base, Data, Out, Config, Epochs, MaxSteps, LearningRate, BatchSize, Accumulation, Device, Format, Masking,
        Truncation, MaxLength, IncludeSeeds, Seeds, ValidationFraction, Seed, Threads, SaveSteps, SaveTotalLimit,
        EvalSteps, LoggingSteps, Resume, LoraRank, LoraAlpha, LoraDropout, LoraTargets, SaveAdapter, Plain,
    ];

    /// <summary>Defaults, then the JSON file, then the options; validated, every problem at once.</summary>
    public async Task<FinetuneConfig> ResolveAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var file = parse.GetValue(Config);
        var config = file is null
            ? new FinetuneConfig()
            : await FinetuneConfigFile.ReadAsync(file.FullName, cancellationToken);
        var problems = new List<string>();
        config = config with
        {
            BaseModel = parse.GetValue(Base)?.FullName ?? config.BaseModel,
            Data = parse.GetValue(Data)?.FullName ?? config.Data,
            Output = parse.GetValue(Out)?.FullName ?? config.Output,
            Epochs = parse.GetValue(Epochs) ?? config.Epochs,
            MaxSteps = parse.GetValue(MaxSteps) ?? config.MaxSteps,
            LearningRate = parse.GetValue(LearningRate) ?? config.LearningRate,
            BatchSize = parse.GetValue(BatchSize) ?? config.BatchSize,
            GradientAccumulationSteps = parse.GetValue(Accumulation) ?? config.GradientAccumulationSteps,
            Device = Named(parse.GetValue(Device), "--device", config.Device, problems),
            Format = FormatOf(parse.GetValue(Format), config.Format, problems),
            Masking = Named(parse.GetValue(Masking), "--masking", config.Masking, problems),
            Truncation = Named(parse.GetValue(Truncation), "--truncation", config.Truncation, problems),
            MaxLength = parse.GetValue(MaxLength) ?? config.MaxLength,
            IncludeSeeds = parse.GetValue(IncludeSeeds) || config.IncludeSeeds,
            SeedsPath = parse.GetValue(Seeds)?.FullName ?? config.SeedsPath,
            ValidationFraction = parse.GetValue(ValidationFraction) ?? config.ValidationFraction,
            Seed = parse.GetValue(Seed) ?? config.Seed,
            Threads = parse.GetValue(Threads) ?? config.Threads,
            SaveSteps = parse.GetValue(SaveSteps) ?? config.SaveSteps,
            SaveTotalLimit = parse.GetValue(SaveTotalLimit) ?? config.SaveTotalLimit,
            EvalSteps = parse.GetValue(EvalSteps) ?? config.EvalSteps,
            LoggingSteps = parse.GetValue(LoggingSteps) ?? config.LoggingSteps,
            Resume = parse.GetValue(Resume) || config.Resume,
            LoraRank = parse.GetValue(LoraRank) ?? config.LoraRank,
            LoraAlpha = parse.GetValue(LoraAlpha) ?? config.LoraAlpha,
            LoraDropout = parse.GetValue(LoraDropout) ?? config.LoraDropout,
            LoraTargets = parse.GetValue(LoraTargets) ?? config.LoraTargets,
            SaveAdapter = parse.GetValue(SaveAdapter) || config.SaveAdapter,
        };
        var source = file is null ? "fine-tuning settings" : $"{file.FullName} with the command-line options";
        problems.AddRange(config.Problems());
        if (problems.Count > 0)
        {
            throw new ConfigException(source, problems);
        }
        return config;
    }

    // Kebab-case names on the command line, as in the JSON file: output-only, truncate-prompt, cuda.
    private static T Named<T>(string? value, string option, T fallback, List<string> problems)
        where T : struct, Enum
    {
        if (value is null)
        {
            return fallback;
        }
        if (Enum.TryParse<T>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var parsed)
            && Enum.IsDefined(parsed))
        {
            return parsed;
        }
        var names = Enum.GetNames<T>().Select(JsonNamingPolicy.KebabCaseLower.ConvertName);
        problems.Add($"{option}: expected {string.Join(", ", names)}, found '{value}'");
        return fallback;
    }

    private static PromptFormatKind FormatOf(string? value, PromptFormatKind fallback, List<string> problems)
    {
        if (value is null)
        {
            return fallback;
        }
        if (PromptFormatFile.TryParse(value, out var kind))
        {
            return kind;
        }
        problems.Add($"--format: expected self-instruct or alpaca, found '{value}'");
        return fallback;
    }
}
