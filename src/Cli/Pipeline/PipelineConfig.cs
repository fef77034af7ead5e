using SelfInstruct.Evaluate.Configuration;
using SelfInstruct.Finetune.Configuration;
using SelfInstruct.Generate.Configuration;

namespace SelfInstruct.Cli.Pipeline;

/// <summary>
/// Everything <c>selfinstruct pipeline</c> does: the base model, the warm-up, and each stage's own settings. The
/// stages keep their own defaults; the pipeline connects them: the generator, the fine-tuned base, the data and the
/// models compared are the pipeline's, named by <see cref="PipelineModel"/> where a section refers to them.
/// </summary>
public sealed record PipelineConfig
{
    /// <summary>The folder every stage writes under, one subfolder each.</summary>
    public string Output { get; init; } = Path.Combine("runs", "pipeline");

    /// <summary>The seed pool the model self-instructs from.</summary>
    public string Seeds { get; init; } = Path.Combine("data", "seed_tasks.jsonl");

    /// <summary>
    /// A folder whose NAME.txt files replace generate's embedded prompt templates (a pool in another language);
    /// null for the embedded ones. The warm-up and the base model's tokenizer learn the same templates.
    /// </summary>
    public string? Templates { get; init; }

    /// <summary>The model the loop starts from.</summary>
    public BaseModelSettings BaseModel { get; init; } = new();

    /// <summary>The warm-up of a model made from scratch.</summary>
    public WarmupSettings Warmup { get; init; } = new();

    /// <summary>
    /// The generate stage; with the local backend, model <see cref="PipelineModel.Name"/> means the pipeline's model.
    /// </summary>
    public GenerationConfig Generate { get; init; } = new();

    /// <summary>The finetune stage; the pipeline sets its data and output, and its base unless one is named.</summary>
    public FinetuneConfig Finetune { get; init; } = new();

    /// <summary>
    /// Between generate and finetune: check the training data against the evaluation set and report the overlap
    /// (<c>report</c>), also leave the flagged tasks out of training (<c>drop</c>), or skip the check (<c>off</c>).
    /// The thresholds are <c>data decontaminate</c>'s defaults.
    /// </summary>
    public DecontaminationMode Decontaminate { get; init; } = DecontaminationMode.Report;

    /// <summary>The evaluate stage; the pipeline names the models (base and tuned) and the output folder.</summary>
    public EvaluationConfig Evaluate { get; init; } = new();
}
