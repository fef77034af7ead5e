using TorchSharp;

namespace SelfInstruct.Finetune.Training;

/// <summary>
/// The process-wide settings of a process that trains, applied by executables (their <c>Program</c> and commands),
/// never by a library run: they outlast the run, so a run that set them would also change how whatever the process
/// runs next (a pipeline's evaluate stage) runs.
/// </summary>
public static class TrainingProcess
{
    /// <summary>
    /// Once, at start: freed native memory stays in the heap for the next step (<see cref="NativeHeap"/>). The thread
    /// count waits for <see cref="CreateRun"/>, because setting it loads libtorch, which would add half a second and
    /// a hundred megabytes to every command, <c>--help</c> included.
    /// </summary>
    public static void Configure() => NativeHeap.KeepFreedMemory();

    /// <summary>
    /// A run with the executable's hooks, after giving libtorch the thread count of <paramref name="config"/>
    /// (<see cref="FinetuneConfig.Threads"/>) and, where it sees a GPU, the TF32 setting
    /// (<see cref="FinetuneConfig.Tf32"/>); <paramref name="memoryPlanned"/> shows the memory plan.
    /// </summary>
    public static FinetuneRun CreateRun(FinetuneConfig config, Action<MemoryPlan, long?>? memoryPlanned = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        torch.set_num_threads(config.Threads > 0 ? config.Threads : Environment.ProcessorCount);
        if (config.Device != TrainingDevice.Cpu && torch.cuda.is_available())
        {
            // PyTorch's allow_tf32 flags: GPUs before Ampere have no TF32 and ignore them.
            torch.backends.cuda.matmul.allow_tf32 = config.Tf32;
            torch.backends.cudnn.allow_tf32 = config.Tf32;
        }
        return new FinetuneRun(Hooks(config) with { MemoryPlanned = memoryPlanned });
    }

    /// <summary>A .NET garbage collection every <see cref="FinetuneConfig.CollectGarbageSteps"/> steps.</summary>
    internal static FinetuneHooks Hooks(FinetuneConfig config) => new()
    {
        AfterStep = step =>
        {
            if (config.CollectGarbageSteps > 0 && step % config.CollectGarbageSteps == 0)
            {
                GC.Collect();
            }
        },
    };
}
