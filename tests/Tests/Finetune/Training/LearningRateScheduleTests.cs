using SelfInstruct.Finetune.Training;
using Xunit;

namespace SelfInstruct.Tests.Finetune.Training;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void Rises_linearly_through_the_warmup_and_peaks_at_its_end()
    {
        var schedule = new LearningRateSchedule(1e-3, WarmupSteps: 10, TotalSteps: 110);

        Assert.Equal(0, schedule.At(0));
        Assert.Equal(1e-4, schedule.At(1), 15);
        Assert.Equal(9e-4, schedule.At(9), 15);
        Assert.Equal(1e-3, schedule.At(10), 15);
    }

    [Fact]
    public void Decays_along_a_cosine_to_zero_at_the_last_step()
    {
        var schedule = new LearningRateSchedule(1e-3, WarmupSteps: 10, TotalSteps: 110);

        Assert.Equal(0.5e-3 * (1 + Math.Cos(Math.PI * 0.25)), schedule.At(35), 15);
        Assert.Equal(0.5e-3, schedule.At(60), 15);
        Assert.Equal(0, schedule.At(110), 15);
        Assert.Equal(0, schedule.At(200), 15);
    }

    [Fact]
    public void Starts_at_the_peak_without_warmup_and_rounds_a_warmup_ratio_up()
    {
        var noWarmup = new LearningRateSchedule(2e-5, WarmupSteps: 0, TotalSteps: 100);

        var fromRatio = LearningRateSchedule.FromRatio(2e-5, 0.03, 101);

        Assert.Equal(2e-5, noWarmup.At(0), 15);
        Assert.Equal(4, fromRatio.WarmupSteps);
    }
}
