namespace SelfInstruct.Finetune.Training;

/// <summary>
/// fp16's dynamic loss scale, as PyTorch's GradScaler keeps it: the loss is multiplied by the scale before backward
/// so that small gradients survive fp16, and the gradients divided by it after. A step whose gradients overflow is
/// skipped and halves the scale; <see cref="GrowthInterval"/> clean steps in a row double it.
/// </summary>
internal sealed class LossScaler(
    double initialScale = LossScaler.InitialScale, int growthInterval = LossScaler.GrowthInterval)
{
    /// <summary>PyTorch's initial scale, 2^16.</summary>
    public const double InitialScale = 65536;

    /// <summary>PyTorch's growth interval.</summary>
    public const int GrowthInterval = 2000;

    private int _cleanSteps;

    public double Scale { get; private set; } = initialScale;

    /// <summary>Steps skipped because their gradients were not finite.</summary>
    public int SkippedSteps { get; private set; }

    /// <summary>Records a step's outcome; returns whether the optimizer may step.</summary>
    public bool Update(bool gradientsFinite)
    {
        if (!gradientsFinite)
        {
            Scale /= 2;
            SkippedSteps++;
            _cleanSteps = 0;
            return false;
        }
        if (++_cleanSteps == growthInterval)
        {
            Scale *= 2;
            _cleanSteps = 0;
        }
        return true;
    }
}
