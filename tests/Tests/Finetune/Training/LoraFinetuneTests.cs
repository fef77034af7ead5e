using SelfInstruct.Finetune.Training;
using SelfInstruct.Model;
using SelfInstruct.Model.Lora;
using SelfInstruct.Tests.Model;
using Xunit;
using static TorchSharp.torch;

namespace SelfInstruct.Tests.Finetune.Training;

[Collection(TorchSharpTests.Name)]
public sealed class LoraFinetuneTests
{
    [Fact]
    public async Task The_merged_checkpoint_computes_what_the_base_with_the_saved_adapter_computes()
    {
        using var run = await TinyRun.CreateAsync();
        var config = run.Config with
        {
            LoraRank = 4,
            LoraTargets = ["q_proj", "v_proj", "down_proj"],
            SaveAdapter = true,
            LearningRate = 1e-2,
        };

        var result = await new FinetuneRun().RunAsync(config, null, CancellationToken.None);
        using var merged = LocalModel.Load(result.CheckpointFolder);
        using var original = LocalModel.Load(config.BaseModel);
        using var adapter = LoraAdapters.Load(
            original.Model, Path.Combine(result.CheckpointFolder, FinetuneRun.AdapterFolderName));
        using var untouched = LocalModel.Load(config.BaseModel);
        using var inputIds = tensor(new long[] { 82, 101, 112, 101, 97, 116, 32, 119, 51, 46 }, [1, 10]);
        using var noGrad = no_grad();
        using var mergedLogits = merged.Model.Logits(inputIds);
        using var adaptedLogits = original.Model.Logits(inputIds);
        using var baseLogits = untouched.Model.Logits(inputIds);

        Assert.True(TensorAssert.MaxDifference(mergedLogits, adaptedLogits) < 1e-4);
        Assert.True(TensorAssert.MaxDifference(mergedLogits, baseLogits) > 1e-3);
        Assert.True(result.LastLoss < result.FirstLoss);
    }

    [Fact]
    public async Task A_resumed_lora_run_repeats_the_losses_of_an_uninterrupted_one_exactly()
    {
        using var run = await TinyRun.CreateAsync();
        var lora = run.Config with { LoraRank = 4, LoraDropout = 0.1, SaveSteps = 3, LearningRate = 1e-2 };
        var whole = lora with { Output = Path.Combine(run.Path, "whole") };
        var killed = lora with { Output = Path.Combine(run.Path, "killed") };
        using var kill = new CancellationTokenSource();

        await new FinetuneRun().RunAsync(whole, null, CancellationToken.None);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new FinetuneRun().RunAsync(
            killed, new CancelAtStep(4, kill), kill.Token));
        await new FinetuneRun().RunAsync(killed with { Resume = true }, null, CancellationToken.None);

        Assert.Equal(new MetricsLog(whole.Output).Read(), new MetricsLog(killed.Output).Read());
        Assert.True(File.Exists(Path.Combine(killed.Output, "checkpoint-000003", LoraAdapters.WeightsFileName)));
    }
}
