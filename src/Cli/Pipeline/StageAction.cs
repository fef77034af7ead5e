namespace SelfInstruct.Cli.Pipeline;

/// <summary>What the pipeline does with a stage, decided from the ledger and the stage's fingerprint now.</summary>
public enum StageAction
{
    /// <summary>It completed with these inputs: its outputs are reused.</summary>
    Skip,

    /// <summary>It never ran: run it.</summary>
    Run,

    /// <summary>It started with these inputs and stopped early: run it again on its folder to resume.</summary>
    Resume,

    /// <summary>It ran with other inputs: its folder is set aside (renamed, not deleted) and it runs anew.</summary>
    Replace,
}
