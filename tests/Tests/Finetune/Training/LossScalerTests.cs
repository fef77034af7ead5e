using SelfInstruct.Finetune.Training;
using Xunit;

namespace SelfInstruct.Tests.Finetune.Training;

public sealed class LossScalerTests
{
    [Fact]
    public void An_overflow_skips_the_step_halves_the_scale_and_is_counted()
    {
        var scaler = new LossScaler();

        var steps = scaler.Update(gradientsFinite: false);

        Assert.False(steps);
        Assert.Equal(LossScaler.InitialScale / 2, scaler.Scale);
        Assert.Equal(1, scaler.SkippedSteps);
    }

    [Fact]
    public void The_scale_doubles_after_the_growth_interval_of_clean_steps_and_not_before()
    {
        var scaler = new LossScaler(initialScale: 8, growthInterval: 3);
        scaler.Update(gradientsFinite: true);
        scaler.Update(gradientsFinite: false);
        scaler.Update(gradientsFinite: true);
        scaler.Update(gradientsFinite: true);
        var before = scaler.Scale;

        scaler.Update(gradientsFinite: true);

        Assert.Equal(4, before);
        Assert.Equal(8, scaler.Scale);
    }
}
