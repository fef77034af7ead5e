namespace SelfInstruct.Finetune.Training;

/// <summary>The training loss became NaN or infinite; the run stopped before applying that step.</summary>
public sealed class NonFiniteLossException : Exception
{
    public NonFiniteLossException(int step, double loss, string? lastCheckpoint)
        : base($"the training loss became {loss} at step {step}; stopped without applying it. " +
            (lastCheckpoint is null
                ? "No checkpoint was written yet."
                : $"The last good checkpoint is {lastCheckpoint}; lower the learning rate and resume from it."))
    {
        Step = step;
        LastCheckpoint = lastCheckpoint;
    }

    /// <summary>The step whose loss was not finite, counted from 1.</summary>
    public int Step { get; }

    /// <summary>The newest complete checkpoint folder, or null when none was written.</summary>
    public string? LastCheckpoint { get; }
}
