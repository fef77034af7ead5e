using SelfInstruct.Finetune.Configuration;
using SelfInstruct.Finetune.Training;
using SelfInstruct.Model;
using SelfInstruct.Tests.Model;
using Xunit;

namespace SelfInstruct.Tests.Finetune.Training;

[Collection(TorchSharpTests.Name)]
public sealed class FinetuneRunTests
{
    [Fact]
    public async Task A_tiny_model_overfits_twenty_examples()
    {
        using var run = await TinyRun.CreateAsync();
        var config = run.Config with { MaxSteps = 100, ValidationFraction = 0, LoggingSteps = 10, LearningRate = 1e-2 };

        var result = await new FinetuneRun().RunAsync(config, null, CancellationToken.None);

        Assert.True(result.LastLoss < result.FirstLoss / 4, $"loss went from {result.FirstLoss} to {result.LastLoss}");
        Assert.Equal(100, result.Steps);
        Assert.Equal(new SelfInstruct.Finetune.Data.EncodingCounts(20, 0, 0), result.Examples);
        Assert.True(FinetuneRun.IsComplete(config.Output));
        Assert.Equal(10, new MetricsLog(config.Output).Read().Count);
        Assert.True(File.Exists(Path.Combine(config.Output, LossPlot.FileName)));
    }

    [Fact]
    public async Task The_result_names_every_file_the_run_wrote()
    {
        using var run = await TinyRun.CreateAsync();

        var result = await new FinetuneRun().RunAsync(run.Config, null, CancellationToken.None);

        Assert.Equal(Path.Combine(run.Config.Output, FinetuneRun.FinalFolderName), result.CheckpointFolder);
        Assert.Equal(Path.Combine(run.Config.Output, MetricsLog.FileName), result.MetricsFile);
        Assert.Equal(Path.Combine(run.Config.Output, LossPlot.FileName), result.LossPlotFile);
        Assert.Equal(Path.Combine(run.Config.Output, FinetuneConfigFile.FileName), result.SettingsFile);
        Assert.All([result.MetricsFile, result.LossPlotFile, result.SettingsFile],
            file => Assert.True(File.Exists(file), $"{file} is missing"));
    }

    [Fact]
    public async Task The_after_step_hook_sees_every_step_once_and_a_resumed_run_only_the_steps_it_takes()
    {
        using var run = await TinyRun.CreateAsync();
        var config = run.Config with { SaveSteps = 3 };
        using var kill = new CancellationTokenSource();
        var (killed, resumed) = (new List<int>(), new List<int>());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new FinetuneRun(
            new FinetuneHooks { AfterStep = killed.Add }).RunAsync(config, new CancelAtStep(5, kill), kill.Token));
        await new FinetuneRun(new FinetuneHooks { AfterStep = resumed.Add })
            .RunAsync(config with { Resume = true }, null, CancellationToken.None);

        Assert.Equal([1, 2, 3, 4, 5], killed);
        Assert.Equal([4, 5, 6], resumed);
    }

    [Fact]
    public async Task A_resumed_run_repeats_the_losses_of_an_uninterrupted_one_exactly()
    {
        using var run = await TinyRun.CreateAsync();
        var whole = run.Config with { Output = Path.Combine(run.Path, "whole"), SaveSteps = 3 };
        var killed = run.Config with { Output = Path.Combine(run.Path, "killed"), SaveSteps = 3 };
        using var kill = new CancellationTokenSource();

        await new FinetuneRun().RunAsync(whole, null, CancellationToken.None);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new FinetuneRun().RunAsync(
            killed, new CancelAtStep(5, kill), kill.Token));
        var resumed = await new FinetuneRun().RunAsync(killed with { Resume = true }, null, CancellationToken.None);

        var expected = new MetricsLog(whole.Output).Read();
        Assert.Equal(6, expected.Count);
        Assert.Equal(expected, new MetricsLog(killed.Output).Read());
        Assert.Equal(6, resumed.Steps);
    }

    [Fact]
    public async Task The_tuned_checkpoint_loads_back_with_its_prompt_format_and_validation_loss()
    {
        using var run = await TinyRun.CreateAsync();
        var config = run.Config with { Format = PromptFormatKind.Alpaca };

        var result = await new FinetuneRun().RunAsync(config, null, CancellationToken.None);
        using var tuned = LocalModel.Load(result.CheckpointFolder);
        var again = await TrainerFixture.ValidationLossAsync(tuned, config);

        Assert.Equal(PromptFormatKind.Alpaca, PromptFormatFile.Read(result.CheckpointFolder));
        Assert.NotNull(result.ValidationLoss);
        Assert.Equal(result.ValidationLoss!.Value, again!.Value, 5);
    }

    [Fact]
    public async Task A_non_finite_loss_stops_the_run_and_names_the_step_and_the_last_good_checkpoint()
    {
        using var run = await TinyRun.CreateAsync();
        var config = run.Config with { LearningRate = 1e30, MaxGradNorm = 0, SaveSteps = 1, MaxSteps = 20 };

        var error = await Assert.ThrowsAsync<NonFiniteLossException>(
            () => new FinetuneRun().RunAsync(config, null, CancellationToken.None));

        var expected = Path.Combine(config.Output, CheckpointFolders.Name(error.Step - 1));
        Assert.Equal(expected, error.LastCheckpoint);
        Assert.Equal(expected, new CheckpointFolders(config.Output).Latest());
        Assert.Contains($"at step {error.Step}", error.Message, StringComparison.Ordinal);
        Assert.False(FinetuneRun.IsComplete(config.Output));
    }

    [Fact]
    public async Task Refuses_to_start_when_the_memory_plan_exceeds_the_free_memory_unless_forced()
    {
        using var run = await TinyRun.CreateAsync();
        var config = run.Config with { MaxSteps = 2 };
        MemoryPlan? planned = null;
        var small = new FinetuneHooks { FreeCpuMemory = () => 1L << 20, MemoryPlanned = (plan, _) => planned = plan };

        var refused = await Assert.ThrowsAsync<ConfigException>(
            () => new FinetuneRun(small).RunAsync(config, null, CancellationToken.None));
        var forced = await new FinetuneRun(small).RunAsync(config with { Force = true }, null, CancellationToken.None);

        Assert.Contains("the memory plan needs", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--force", refused.Message, StringComparison.Ordinal);
        Assert.NotNull(planned);
        Assert.Equal(2, forced.Steps);
    }

    [Fact]
    public async Task Auto_batch_size_halves_until_the_plan_fits_the_free_memory()
    {
        using var run = await TinyRun.CreateAsync();
        var config = run.Config with { MaxSteps = 1, BatchSize = 16, AutoBatchSize = true };
        var plans = new List<MemoryPlan>();
        await new FinetuneRun(new FinetuneHooks { MemoryPlanned = (plan, _) => plans.Add(plan) })
            .RunAsync(config with { Output = config.Output + "-ample" }, null, CancellationToken.None);
        var ample = plans[0];

        // One byte short of batch 16's plan, counting the float32 weights the run has already loaded as free.
        await new FinetuneRun(new FinetuneHooks
        {
            FreeCpuMemory = () => ample.Total - ample.Weights - 1,
            MemoryPlanned = (plan, _) => plans.Add(plan),
        }).RunAsync(config, null, CancellationToken.None);

        Assert.Equal(16, ample.BatchSize);
        Assert.Equal(8, plans[1].BatchSize);
    }

    [Fact]
    public async Task A_checkpoint_that_fails_to_write_is_never_taken_for_a_good_one()
    {
        using var run = await TinyRun.CreateAsync();
        var config = run.Config with { SaveSteps = 2 };
        var failing = new FinetuneRun(new FinetuneHooks
        {
            BeforeCheckpointCommit = (folder, _) => folder.Contains("000004", StringComparison.Ordinal)
                ? throw new IOException("No space left on device")
                : Task.CompletedTask,
        });

        await Assert.ThrowsAsync<IOException>(() => failing.RunAsync(config, null, CancellationToken.None));
        var left = Directory.GetFileSystemEntries(config.Output)
            .Select(entry => Path.GetFileName(entry)).Order().ToList();
        var resumed = await new FinetuneRun().RunAsync(config with { Resume = true }, null, CancellationToken.None);

        Assert.Equal(["checkpoint-000002", "metrics.jsonl", FinetuneConfigFile.FileName], left);
        Assert.Equal(6, resumed.Steps);
    }

    [Fact]
    public async Task Refuses_a_base_checkpoint_that_does_not_exist_and_reports_every_bad_setting()
    {
        using var run = await TinyRun.CreateAsync();

        var missing = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => new FinetuneRun().RunAsync(
            run.Config with { BaseModel = Path.Combine(run.Path, "nowhere") }, null, CancellationToken.None));
        var invalid = await Assert.ThrowsAsync<ConfigException>(() => new FinetuneRun().RunAsync(
            run.Config with { LearningRate = 0, BatchSize = 0, ValidationFraction = 1 }, null,
            CancellationToken.None));

        Assert.Contains("nowhere: the base checkpoint does not exist", missing.Message, StringComparison.Ordinal);
        Assert.Equal(3, invalid.Problems.Count);
    }
}
