using SelfInstruct.Finetune.Configuration;
using SelfInstruct.Finetune.Training;
using SelfInstruct.Tests.Cli;
using SelfInstruct.Tests.Finetune.Training;
using SelfInstruct.Tests.Model;
using Xunit;

namespace SelfInstruct.Tests.Finetune;

[Collection(TorchSharpTests.Name)]
public sealed class FinetuneCommandTests
{
    [Fact]
    public async Task Trains_from_the_command_line_with_json_settings_under_the_options()
    {
        using var run = await TinyRun.CreateAsync();
        var settings = Path.Combine(run.Path, "settings.json");
        await File.WriteAllTextAsync(settings,
            """{ "max_steps": 50, "batch_size": 4, "format": "alpaca", "threads": 1, "device": "cpu" }""");

        var result = await CliRunner.RunAsync("", "finetune", "--config", settings, "--base", run.Config.BaseModel,
            "--data", run.Config.Data, "--out", run.Config.Output, "--max-steps", "4", "--logging-steps", "2",
            "--learning-rate", "0.001", "--plain");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("step 4/4, epoch ", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"steps\s+│\s+4\s", result.Output);
        Assert.True(FinetuneRun.IsComplete(run.Config.Output));
        var final = Path.Combine(run.Config.Output, FinetuneRun.FinalFolderName);
        Assert.Equal(PromptFormatKind.Alpaca, PromptFormatFile.Read(final));
        var written = await FinetuneConfigFile.ReadAsync(
            Path.Combine(final, FinetuneConfigFile.FileName), CancellationToken.None);
        Assert.Equal((4, 4, 1e-3), (written.MaxSteps, written.BatchSize, written.LearningRate));
    }

    [Fact]
    public async Task Reports_every_bad_option_at_once()
    {
        var result = await CliRunner.RunAsync("", "finetune", "--masking", "prompt", "--device", "tpu",
            "--batch-size", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("6 problems", result.Error, StringComparison.Ordinal);
        Assert.Contains("--masking: expected output-only, full-sequence, found 'prompt'", result.Error,
            StringComparison.Ordinal);
        Assert.Contains("--device: expected auto, cpu, cuda, found 'tpu'", result.Error, StringComparison.Ordinal);
        Assert.Contains("batch_size must be positive, found 0", result.Error, StringComparison.Ordinal);
        Assert.Contains("base_model must name a checkpoint folder (--base), found nothing", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_size_auto_prints_the_memory_plan_of_the_batch_it_chose()
    {
        using var run = await TinyRun.CreateAsync();

        var result = await CliRunner.RunAsync("", "finetune", "--base", run.Config.BaseModel, "--data",
            run.Config.Data, "--out", run.Config.Output, "--max-steps", "2", "--batch-size", "auto", "--device", "cpu",
            "--threads", "1", "--precision", "bf16", "--gradient-checkpointing", "--val-fraction", "0.2", "--plain");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Matches(@"memory plan \(batch 16\): weights [\d,]+ MiB, gradients", result.Output);
        Assert.Matches(@"free\s+[\d,]+\s+MiB", result.Output);
        var written = await FinetuneConfigFile.ReadAsync(Path.Combine(run.Config.Output, FinetuneRun.FinalFolderName,
            FinetuneConfigFile.FileName), CancellationToken.None);
        Assert.Equal((true, 16, TrainingPrecision.Bf16), (written.AutoBatchSize, written.BatchSize, written.Precision));
    }

    [Fact]
    public async Task A_batch_size_that_is_neither_a_number_nor_auto_is_named()
    {
        var result = await CliRunner.RunAsync("", "finetune", "--batch-size", "many");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--batch-size: expected a number or auto, found 'many'", result.Error,
            StringComparison.Ordinal);
    }
}
