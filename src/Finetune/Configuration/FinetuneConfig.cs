using System.Globalization;
using SelfInstruct.Core.Configuration;
using SelfInstruct.Core.Prompts;
using SelfInstruct.Model.Lora;

namespace SelfInstruct.Finetune.Configuration;

/// <summary>
/// Everything <c>selfinstruct finetune</c> does. Precedence: these defaults, then a JSON file (snake_case keys), then
/// command-line options. Defaults follow the paper (output-only loss, at most five instances per task, two epochs) and
/// Alpaca's recipe (cosine decay after a 3% warmup).
/// </summary>
public sealed record FinetuneConfig
{
    /// <summary>The checkpoint folder to start from (Hugging Face layout).</summary>
    public string BaseModel { get; init; } = "";

    /// <summary>The dataset: .parquet (ours), .json (Alpaca) or .jsonl (Self-Instruct seed format).</summary>
    public string Data { get; init; } = "";

    /// <summary>The output folder: checkpoints, final/, metrics.jsonl, loss.png, finetune_config.json.</summary>
    public string Output { get; init; } = "";

    /// <summary>Also train on the seed tasks in <see cref="SeedsPath"/>.</summary>
    public bool IncludeSeeds { get; init; }

    public string SeedsPath { get; init; } = Path.Combine("data", "seed_tasks.jsonl");

    /// <summary>Instances kept per task at most; the paper used five.</summary>
    public int MaxInstancesPerTask { get; init; } = 5;

    /// <summary>Share of tasks (never instances) held out for the validation loss; 0 holds out none.</summary>
    public double ValidationFraction { get; init; } = 0.05;

    public PromptFormatKind Format { get; init; } = PromptFormatKind.SelfInstruct;

    public LossMasking Masking { get; init; } = LossMasking.OutputOnly;

    public TruncationPolicy Truncation { get; init; } = TruncationPolicy.TruncatePrompt;

    /// <summary>Tokens per example at most; null uses the model's context length.</summary>
    public int? MaxLength { get; init; }

    /// <summary>Passes over the training split; ignored when <see cref="MaxSteps"/> is set.</summary>
    public int Epochs { get; init; } = 2;

    /// <summary>Optimizer steps to take instead of whole epochs.</summary>
    public int? MaxSteps { get; init; }

    /// <summary>Peak learning rate, reached after the warmup.</summary>
    public double LearningRate { get; init; } = 2e-5;

    /// <summary>Share of the steps over which the learning rate rises linearly from 0 to its peak.</summary>
    public double WarmupRatio { get; init; } = 0.03;

    /// <summary>Decoupled AdamW weight decay, applied to matrices and embeddings, never to norms and biases.</summary>
    public double WeightDecay { get; init; } = 0.01;

    public double AdamBeta1 { get; init; } = 0.9;

    public double AdamBeta2 { get; init; } = 0.999;

    public double AdamEpsilon { get; init; } = 1e-8;

    /// <summary>Gradients are scaled down to this global L2 norm; 0 turns clipping off.</summary>
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>Examples per micro-batch.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Micro-batches whose gradients add up to one optimizer step.</summary>
    public int GradientAccumulationSteps { get; init; } = 1;

    /// <summary>Seeds the template choice, the data order, the weights' RNG and LoRA's initialisation.</summary>
    public int Seed { get; init; } = 42;

    public TrainingDevice Device { get; init; } = TrainingDevice.Auto;

    /// <summary>CPU threads for libtorch; 0 uses one per core.</summary>
    public int Threads { get; init; }

    /// <summary>Write a metrics line (and a progress report) every this many steps.</summary>
    public int LoggingSteps { get; init; } = 10;

    /// <summary>Compute the validation loss every this many steps (and at the end); 0 only at the end.</summary>
    public int EvalSteps { get; init; } = 100;

    /// <summary>Write a checkpoint every this many steps (and at the end); 0 only at the end.</summary>
    public int SaveSteps { get; init; } = 500;

    /// <summary>Step checkpoints kept; older ones are deleted. The final checkpoint is always kept.</summary>
    public int SaveTotalLimit { get; init; } = 2;

    /// <summary>
    /// Run a .NET garbage collection every this many steps: TorchSharp's optimizer leaves small native objects that
    /// only the collector frees, so memory creeps up without it. 0 never collects. The executable collects, through
    /// the hooks of <see cref="Training.TrainingProcess.CreateRun"/>; a run without hooks never does.
    /// </summary>
    public int CollectGarbageSteps { get; init; } = 10;

    /// <summary>Continue from the newest complete checkpoint in <see cref="Output"/>.</summary>
    public bool Resume { get; init; }

    /// <summary>LoRA rank; 0 trains every weight (full fine-tuning).</summary>
    public int LoraRank { get; init; }

    public double LoraAlpha { get; init; } = 16;

    public double LoraDropout { get; init; } = 0.05;

    /// <summary>Projections that get adapters, by their checkpoint names.</summary>
    public IReadOnlyList<string> LoraTargets { get; init; } = ["q_proj", "v_proj"];

    /// <summary>With LoRA, also write the adapter alone (PEFT layout) under final/adapter.</summary>
    public bool SaveAdapter { get; init; }

    /// <summary>Every problem, each naming the setting and the value found.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Require(bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add(problem);
            }
        }
        string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
        Require(BaseModel.Length > 0, "base model: a checkpoint folder is required (--base)");
        Require(Data.Length > 0, "data: a dataset file is required (--data)");
        Require(Output.Length > 0, "output: an output folder is required (--out)");
        Require(MaxInstancesPerTask > 0, $"max instances per task must be positive, found {MaxInstancesPerTask}");
        Require(ValidationFraction is >= 0 and < 1,
            $"validation fraction must lie in [0, 1), found {Text(ValidationFraction)}");
        Require(MaxLength is null or > 1, $"max length must be at least 2 tokens, found {MaxLength}");
        Require(Epochs > 0, $"epochs must be positive, found {Epochs}");
        Require(MaxSteps is null or > 0, $"max steps must be positive, found {MaxSteps}");
        Require(LearningRate > 0 && double.IsFinite(LearningRate),
            $"learning rate must be positive, found {Text(LearningRate)}");
        Require(WarmupRatio is >= 0 and <= 1, $"warmup ratio must lie in [0, 1], found {Text(WarmupRatio)}");
        Require(WeightDecay >= 0, $"weight decay must not be negative, found {Text(WeightDecay)}");
        Require(AdamBeta1 is >= 0 and < 1, $"adam beta1 must lie in [0, 1), found {Text(AdamBeta1)}");
        Require(AdamBeta2 is >= 0 and < 1, $"adam beta2 must lie in [0, 1), found {Text(AdamBeta2)}");
        Require(AdamEpsilon > 0, $"adam epsilon must be positive, found {Text(AdamEpsilon)}");
        Require(MaxGradNorm >= 0, $"max grad norm must not be negative, found {Text(MaxGradNorm)}");
        Require(BatchSize > 0, $"batch size must be positive, found {BatchSize}");
        Require(GradientAccumulationSteps > 0,
            $"gradient accumulation steps must be positive, found {GradientAccumulationSteps}");
        Require(Threads >= 0, $"threads must not be negative, found {Threads}");
        Require(LoggingSteps > 0, $"logging steps must be positive, found {LoggingSteps}");
        Require(EvalSteps >= 0, $"eval steps must not be negative, found {EvalSteps}");
        Require(SaveSteps >= 0, $"save steps must not be negative, found {SaveSteps}");
        Require(SaveTotalLimit > 0, $"save total limit must be positive, found {SaveTotalLimit}");
        Require(CollectGarbageSteps >= 0, $"collect garbage steps must not be negative, found {CollectGarbageSteps}");
        Require(LoraRank >= 0, $"lora rank must not be negative, found {LoraRank}");
        if (LoraRank > 0)
        {
            problems.AddRange(LoraOptions().Problems().Select(problem => $"lora {problem}"));
        }
        Require(!SaveAdapter || LoraRank > 0, "save adapter needs LoRA: set a lora rank above 0");
        return problems;
    }

    /// <summary>The LoRA settings as the adapters take them.</summary>
    public LoraOptions LoraOptions() => new()
    {
        Rank = LoraRank,
        Alpha = LoraAlpha,
        Dropout = LoraDropout,
        TargetModules = LoraTargets,
    };

    /// <summary>Throws one exception listing every problem, naming <paramref name="source"/>.</summary>
    /// <exception cref="ConfigException">The settings have one or more problems.</exception>
    public void Validate(string source)
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new ConfigException(source, problems);
        }
    }
}
