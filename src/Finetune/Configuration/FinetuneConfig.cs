using SelfInstruct.Model.Lora;

namespace SelfInstruct.Finetune.Configuration;

/// <summary>
/// Everything <c>selfinstruct finetune</c> does. Precedence: these defaults, then a JSON file (snake_case keys), then
/// command-line options. Defaults follow the paper (output-only loss, at most five instances per task, two epochs) and
/// Alpaca's recipe (cosine decay after a 3% warmup).
/// </summary>
public sealed record FinetuneConfig : IConfigRecord
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

    /// <summary>Halve <see cref="BatchSize"/> until the memory plan fits in the free memory.</summary>
    public bool AutoBatchSize { get; init; }

    /// <summary>Start even when the memory plan exceeds the free memory.</summary>
    public bool Force { get; init; }

    /// <summary>Micro-batches whose gradients add up to one optimizer step.</summary>
    public int GradientAccumulationSteps { get; init; } = 1;

    /// <summary>Seeds the template choice, the data order, the weights' RNG and LoRA's initialisation.</summary>
    public int Seed { get; init; } = 42;

    public TrainingDevice Device { get; init; } = TrainingDevice.Auto;

    /// <summary>
    /// The dtype of forward and backward; the optimizer keeps float32 weights and moments in every precision. Under
    /// LoRA the frozen base is held in this dtype and the adapters in float32.
    /// </summary>
    public TrainingPrecision Precision { get; init; } = TrainingPrecision.Fp32;

    /// <summary>Recompute each layer's activations in the backward pass instead of keeping them.</summary>
    public bool GradientCheckpointing { get; init; }

    /// <summary>On CUDA, float32 matmuls in TF32 (Ampere and later GPUs); ignored on the CPU.</summary>
    public bool Tf32 { get; init; } = true;

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

    /// <summary>
    /// The dtype of the tuned checkpoint's weights; by default the base's, so a bf16 base gives a bf16 checkpoint.
    /// Step checkpoints keep the training dtype, so that a resume continues exactly.
    /// </summary>
    public SaveDtype SaveDtype { get; init; } = SaveDtype.Same;

    /// <inheritdoc />
    public IReadOnlyList<string> Problems()
    {
        var problems = new ConfigProblems();
        problems.Required("base_model", BaseModel, "a checkpoint folder (--base)");
        problems.Required("data", Data, "a dataset file (--data)");
        problems.Required("output", Output, "an output folder (--out)");
        problems.Positive("max_instances_per_task", MaxInstancesPerTask);
        problems.InRange("validation_fraction", ValidationFraction, 0, 1, highExclusive: true);
        problems.AtLeast("max_length", MaxLength, 2);
        problems.Positive("epochs", Epochs);
        problems.Positive("max_steps", MaxSteps);
        problems.Check(LearningRate > 0 && double.IsFinite(LearningRate),
            $"learning_rate must be positive, found {ConfigProblems.Text(LearningRate)}");
        problems.InRange("warmup_ratio", WarmupRatio, 0, 1);
        problems.NotNegative("weight_decay", WeightDecay);
        problems.InRange("adam_beta1", AdamBeta1, 0, 1, highExclusive: true);
        problems.InRange("adam_beta2", AdamBeta2, 0, 1, highExclusive: true);
        problems.Check(AdamEpsilon > 0, $"adam_epsilon must be positive, found {ConfigProblems.Text(AdamEpsilon)}");
        problems.NotNegative("max_grad_norm", MaxGradNorm);
        problems.Positive("batch_size", BatchSize);
        problems.Positive("gradient_accumulation_steps", GradientAccumulationSteps);
        problems.AtLeast("threads", Threads, 0);
        problems.Positive("logging_steps", LoggingSteps);
        problems.AtLeast("eval_steps", EvalSteps, 0);
        problems.AtLeast("save_steps", SaveSteps, 0);
        problems.Positive("save_total_limit", SaveTotalLimit);
        problems.AtLeast("collect_garbage_steps", CollectGarbageSteps, 0);
        problems.AtLeast("lora_rank", LoraRank, 0);
        if (LoraRank > 0)
        {
            problems.Nested("lora_", LoraOptions().Problems());
        }
        problems.Check(!SaveAdapter || LoraRank > 0, "save_adapter needs LoRA: set lora_rank above 0");
        problems.Check(Enum.IsDefined(Precision), $"precision must be fp32, bf16 or fp16-mixed, found {Precision}");
        problems.Check(Enum.IsDefined(SaveDtype), $"save_dtype must be same, fp32, bf16 or fp16, found {SaveDtype}");
        return problems.List;
    }

    /// <summary>The LoRA settings as the adapters take them.</summary>
    public LoraOptions LoraOptions() => new()
    {
        Rank = LoraRank,
        Alpha = LoraAlpha,
        Dropout = LoraDropout,
        TargetModules = LoraTargets,
    };
}
