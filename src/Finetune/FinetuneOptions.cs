using System.CommandLine;
using System.CommandLine.Parsing;

namespace SelfInstruct.Finetune;

/// <summary>The options of <c>selfinstruct finetune</c>, each bound once to its <see cref="FinetuneConfig"/>
/// setting.</summary>
internal sealed class FinetuneOptions : ConfigOptions<FinetuneConfig>
{
    private const string AutoBatchSize = "auto";
    private const int AutoBatchStart = 64;

    private Option<int?> _batchSize = null!;

    public FinetuneOptions()
        : base("fine-tuning settings", "A JSON file of fine-tuning settings (snake_case keys, such as learning_rate).",
            FinetuneConfigFile.Options)
    {
        DeclareData();
        DeclareSchedule();
        DeclareFormat();
        DeclareCheckpoints();
        DeclareLora();
    }

    private void DeclareData()
    {
        FilePath("--base", "DIR", "The checkpoint to start from (Hugging Face layout, such as one from " +
            "`model init`).", config => config.BaseModel);
        FilePath("--data", "FILE", "The dataset: .parquet (ours), .json (Alpaca) or .jsonl (Self-Instruct " +
            "seed format).", config => config.Data);
        FilePath("--out", "DIR", "Output folder: checkpoint-NNNNNN/, final/ (the tuned checkpoint), " +
            "metrics.jsonl, loss.png.", config => config.Output);
        Flag("--include-seeds", "Also train on the seed tasks (--seeds).", config => config.IncludeSeeds);
        FilePath("--seeds", "FILE", "Seed tasks for --include-seeds.", config => config.SeedsPath);
        Value("--val-fraction", "X", "Share of tasks held out for the validation loss.",
            config => config.ValidationFraction);
        Value("--seed", "N", "The one seed: templates, data order, weights' RNG and LoRA's initialisation.",
            config => config.Seed);
    }

    private void DeclareSchedule()
    {
        Value("--epochs", "N", "Passes over the training split.", config => config.Epochs);
        OptionalValue("--max-steps", "N", "Optimizer steps instead of whole epochs.",
            config => config.MaxSteps, "whole epochs");
        Value("--learning-rate", "X", "Peak learning rate, after a linear warmup and before cosine decay.",
            config => config.LearningRate);
        _batchSize = Value("--batch-size", "N|auto", "Examples per micro-batch; auto: the largest that fits the " +
            $"memory plan, halving from {AutoBatchStart}.", config => config.BatchSize);
        _batchSize.CustomParser = ParseBatchSize;
        Flag("--force", "Start even when the memory plan exceeds the free memory.", config => config.Force);
        Value("--gradient-accumulation", "N", "Micro-batches per optimizer step.",
            config => config.GradientAccumulationSteps);
        Choice("--device", "Where to train; auto picks CUDA when libtorch sees a GPU.", config => config.Device);
        Value("--threads", "N", "CPU threads; 0 uses one per core.", config => config.Threads);
        Choice("--precision", "Forward and backward dtype; float32 master weights and AdamW moments in each; " +
            "fp16-mixed adds a dynamic loss scale.", config => config.Precision);
        Flag("--gradient-checkpointing", "Recompute each layer's activations in backward: less memory, about a " +
            "third more time.", config => config.GradientCheckpointing);
        Value("--tf32", "BOOL", "On CUDA, float32 matmuls in TF32 where the GPU has it.", config => config.Tf32);
    }

    private void DeclareFormat()
    {
        Choice("--format", "Prompt format, stored in the checkpoint for evaluate; chat: through the base's chat " +
            "template.", config => config.Format);
        Choice("--masking", "Tokens in the loss.", config => config.Masking);
        Choice("--truncation", "Examples longer than the context.", config => config.Truncation);
        OptionalValue("--max-length", "N", "Tokens per example at most.", config => config.MaxLength,
            "the model's context length");
    }

    private void DeclareCheckpoints()
    {
        Value("--save-steps", "N", "Checkpoint every N steps; 0 only at the end.", config => config.SaveSteps);
        Value("--keep-checkpoints", "K", "Step checkpoints kept.", config => config.SaveTotalLimit);
        Value("--eval-steps", "N", "Validation loss every N steps; 0 only at the end.", config => config.EvalSteps);
        Value("--logging-steps", "N", "A metrics line every N steps.", config => config.LoggingSteps);
        Flag("--resume", "Continue from the newest checkpoint in --out.", config => config.Resume);
        Choice("--save-dtype", "Dtype of the tuned checkpoint's weights; same: the base's.", config => config.SaveDtype);
    }

    private void DeclareLora()
    {
        Value("--lora-rank", "R", "LoRA rank; 0 trains every weight.", config => config.LoraRank);
        Value("--lora-alpha", "X", "LoRA scale numerator.", config => config.LoraAlpha);
        Value("--lora-dropout", "X", "Dropout before the adapters.", config => config.LoraDropout);
        List("--lora-targets", "NAME", "Projections that get adapters.", config => config.LoraTargets);
        Flag("--save-adapter", "With LoRA, also save the adapter alone (final/adapter) next to the " +
            "merged weights.", config => config.SaveAdapter);
    }

    // --batch-size auto sets auto_batch_size, halving from AutoBatchStart (a file may start elsewhere with its
    // batch_size and auto_batch_size).
    protected override FinetuneConfig Adjust(ParseResult parse, FinetuneConfig config, ConfigProblems problems) =>
        parse.GetResult(_batchSize)?.Tokens is [{ Value: AutoBatchSize }]
            ? config with { AutoBatchSize = true, BatchSize = AutoBatchStart }
            : config;

    private static int? ParseBatchSize(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (text == AutoBatchSize)
        {
            // Adjust replaces it; System.CommandLine cannot hand back a null here.
            return AutoBatchStart;
        }
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var size))
        {
            return size;
        }
        result.AddError($"--batch-size: expected a number or {AutoBatchSize}, found '{text}'");
        return null;
    }
}
