namespace SelfInstruct.Generate.Pipeline;

/// <summary>The model-calling steps of the pipeline; usage and rejections are counted per step.</summary>
public enum GenerationStep
{
    /// <summary>Step 1: new instructions from a numbered list of examples.</summary>
    Instructions,

    /// <summary>Step 2: whether a new instruction is a classification task.</summary>
    Classification,

    /// <summary>Step 3: instances for each new task.</summary>
    Instances,
}
