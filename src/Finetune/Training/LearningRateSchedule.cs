namespace SelfInstruct.Finetune.Training;

/// <summary>
/// Linear warmup from 0 to the peak over the warmup steps, then cosine decay from the peak to 0 at the last step,
/// as Hugging Face's <c>get_cosine_schedule_with_warmup</c>. A pure function of the step.
/// </summary>
public sealed record LearningRateSchedule(double PeakLearningRate, int WarmupSteps, int TotalSteps)
{
    /// <summary>A schedule whose warmup is <paramref name="warmupRatio"/> of the steps, rounded up.</summary>
    public static LearningRateSchedule FromRatio(double peakLearningRate, double warmupRatio, int totalSteps) =>
        new(peakLearningRate, (int)Math.Ceiling(warmupRatio * totalSteps), totalSteps);

    /// <summary>The learning rate of optimizer step <paramref name="step"/>, counted from 0.</summary>
    public double At(int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (step < WarmupSteps)
        {
            return PeakLearningRate * step / WarmupSteps;
        }
        var decaySteps = Math.Max(1, TotalSteps - WarmupSteps);
        var progress = Math.Min(1.0, (double)(step - WarmupSteps) / decaySteps);
        return PeakLearningRate * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }
}
