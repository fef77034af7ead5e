using SelfInstruct.Finetune.Configuration;
using SelfInstruct.Finetune.Training;
using SelfInstruct.Model;
using SelfInstruct.Tests.Model;
using TorchSharp;
using Xunit;

namespace SelfInstruct.Tests.Finetune.Training;

[Collection(TorchSharpTests.Name)]
public sealed class TrainerTests
{
    [Theory]
    [InlineData(TrainingPrecision.Fp32, false)]
    [InlineData(TrainingPrecision.Bf16, true)]
    [InlineData(TrainingPrecision.Fp16Mixed, false)]
    public async Task A_training_step_leaks_no_tensors(TrainingPrecision precision, bool checkpointing)
    {
        using var run = await TinyRun.CreateAsync();
        using var local = LocalModel.Load(run.Config.BaseModel);
        using var trainer = await TrainerFixture.CreateAsync(local,
            run.Config with { MaxSteps = 10, Precision = precision, GradientCheckpointing = checkpointing });
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

    [Fact]
    public async Task Restoring_a_step_checkpoint_continues_from_its_data_position()
    {
        using var run = await TinyRun.CreateAsync();
        var config = run.Config with { SaveSteps = 3 };
        await new FinetuneRun().RunAsync(config, null, CancellationToken.None);
        var checkpoint = Path.Combine(config.Output, CheckpointFolders.Name(3));
        using var local = LocalModel.Load(checkpoint);
        using var trainer = await TrainerFixture.CreateAsync(local, config);

        var state = trainer.Restore(checkpoint);

        Assert.Equal(3, state.Step);
        Assert.Equal(3, state.MicroBatches);
        Assert.Equal(state.MicroBatches, trainer.MicroBatches);
        Assert.Equal(state.Epoch, trainer.Epoch);
    }
}
