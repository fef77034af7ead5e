namespace SelfInstruct.Finetune.Training;

/// <summary>
/// What the host of a <see cref="FinetuneRun"/> plugs into it. The run changes no process-wide state itself, so the
/// chores that do (a garbage collection every few steps) come from the executable through
/// <see cref="AfterStep"/>; see <see cref="TrainingProcess"/>.
/// </summary>
public sealed record FinetuneHooks
{
    /// <summary>Called after each optimizer step with the steps taken, resumed ones included.</summary>
    public Action<int>? AfterStep { get; init; }

    /// <summary>
    /// Called before the first step with the memory plan and the device's free bytes (null when unknown, as on CUDA).
    /// </summary>
    public Action<MemoryPlan, long?>? MemoryPlanned { get; init; }

    /// <summary>
    /// Reads the CPU's free bytes for the memory plan; <see cref="ProcessMemory.Available"/> unless given (tests give a
    /// machine with less).
    /// </summary>
    internal Func<long?>? FreeCpuMemory { get; init; }

    /// <summary>Called with each checkpoint's temporary folder before its rename; tests inject faults here.</summary>
    internal Func<string, CancellationToken, Task>? BeforeCheckpointCommit { get; init; }
}
