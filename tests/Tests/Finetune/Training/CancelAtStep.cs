using SelfInstruct.Finetune.Training;

namespace SelfInstruct.Tests.Finetune.Training;

/// <summary>Kills a run in-process: cancels its token when the report of <paramref name="step"/> arrives.</summary>
internal sealed class CancelAtStep(int step, CancellationTokenSource source) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value)
    {
        if (value.Step == step)
        {
            source.Cancel();
        }
    }
}
