using SelfInstruct.Finetune.Configuration;
using SelfInstruct.Finetune.Training;
using Xunit;

namespace SelfInstruct.Tests.Finetune.Training;

public sealed class TrainingProcessTests
{
    [Fact]
    public void The_executable_s_hook_collects_garbage_on_every_configured_step()
    {
        var hooks = TrainingProcess.Hooks(new FinetuneConfig { CollectGarbageSteps = 10 });
        var before = GC.CollectionCount(GC.MaxGeneration);

        hooks.AfterStep!(20);

        Assert.True(GC.CollectionCount(GC.MaxGeneration) > before, "step 20 of every 10 ran no full collection");
    }
}
