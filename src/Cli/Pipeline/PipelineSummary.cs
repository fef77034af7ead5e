using SelfInstruct.Evaluate.Metrics;

namespace SelfInstruct.Cli.Pipeline;

/// <summary>
/// The figures a pipeline run ends with, kept in <c>summary.json</c> and updated after each stage, so a rerun that
/// skips completed stages still shows them. Null means the stage has not produced the figure (yet).
/// </summary>
public sealed record PipelineSummary
{
    /// <summary>The summary's file name in the pipeline folder.</summary>
    public const string FileName = "summary.json";

    /// <summary>
    /// Instructions the model proposed: those kept plus every rejection of the instruction step (a candidate a filter
    /// rejected, or a response that yielded none).
    /// </summary>
    public long? InstructionsProposed { get; init; }

    /// <summary>Instructions that passed the filters and joined the pool.</summary>
    public int? InstructionsKept { get; init; }

    /// <summary>Instances generated for the kept instructions.</summary>
    public int? Instances { get; init; }

    /// <summary>Training tasks (generated, and seeds when included) checked against the evaluation set.</summary>
    public int? CheckedTasks { get; init; }

    /// <summary>Of <see cref="CheckedTasks"/>, those that overlap the evaluation set.</summary>
    public int? OverlappingTasks { get; init; }

    /// <summary>The warm-up's training loss, first and last logged.</summary>
    public double? WarmupFirstLoss { get; init; }

    /// <summary>The warm-up's last training loss.</summary>
    public double? WarmupLastLoss { get; init; }

    /// <summary>The fine-tuning's first logged training loss.</summary>
    public double? FirstLoss { get; init; }

    /// <summary>The fine-tuning's last logged training loss.</summary>
    public double? LastLoss { get; init; }

    /// <summary>ROUGE-L (×100) of the model before tuning on the evaluation set; higher is better.</summary>
    public double? BaseRougeL { get; init; }

    /// <summary>ROUGE-L (×100) of the tuned model.</summary>
    public double? TunedRougeL { get; init; }

    /// <summary>Tuned − base ROUGE-L with its paired-bootstrap 95% interval and p-value.</summary>
    public PairedDifference? Difference { get; init; }
}
