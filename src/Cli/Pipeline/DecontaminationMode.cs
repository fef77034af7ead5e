namespace SelfInstruct.Cli.Pipeline;

/// <summary>What the pipeline does with training tasks that overlap its evaluation set.</summary>
public enum DecontaminationMode
{
    /// <summary>Check and report them (decontaminate/ and the evaluation report); train on them all the same.</summary>
    Report,

    /// <summary>Check, report and leave them out of the fine-tuning data (generated tasks and seed tasks).</summary>
    Drop,

    /// <summary>No check.</summary>
    Off,
}
