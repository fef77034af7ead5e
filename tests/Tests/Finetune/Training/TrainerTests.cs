using SelfInstruct.Model;
using SelfInstruct.Tests.Model;
using TorchSharp;
using Xunit;

namespace SelfInstruct.Tests.Finetune.Training;

[Collection(TorchSharpTests.Name)]
public sealed class TrainerTests
{
    [Fact]
    public async Task A_training_step_leaks_no_tensors()
    {
        using var run = await TinyRun.CreateAsync();
        using var local = LocalModel.Load(run.Config.BaseModel);
        using var trainer = await TrainerFixture.CreateAsync(local, run.Config with { MaxSteps = 10 });
        trainer.Step(0);
        var statistics = DisposeScopeManager.Statistics.TensorStatistics;
        var live = statistics.ThreadTotalLiveCount;

        for (var step = 1; step <= 3; step++)
        {
            trainer.Step(step);
        }
        trainer.ValidationLoss();

        Assert.Equal(live, statistics.ThreadTotalLiveCount);
    }
}
