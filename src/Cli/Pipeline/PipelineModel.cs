namespace SelfInstruct.Cli.Pipeline;

/// <summary>How a pipeline config refers to the pipeline's own model (after the warm-up, when there is one).</summary>
public static class PipelineModel
{
    /// <summary>The word that stands for the pipeline's model in the generate and finetune sections.</summary>
    public const string Name = "base";
}
