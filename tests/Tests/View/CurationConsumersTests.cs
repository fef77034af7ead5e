using SelfInstruct.Core.Curation;
using SelfInstruct.Finetune.Configuration;
using SelfInstruct.Finetune.Data;
using SelfInstruct.Tests.Cli;
using Xunit;

namespace SelfInstruct.Tests.View;

/// <summary>data export, finetune's data loading and data curate apply the curation log beside the dataset.</summary>
public sealed class CurationConsumersTests : IAsyncLifetime
{
    private ViewRunFolder _run = null!;

    private string Dataset => Path.Combine(_run.Generate, "dataset.parquet");

    public async Task InitializeAsync()
    {
        _run = await ViewRunFolder.CreateAsync();
        var when = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        await CurationLog.AppendAsync(_run.CurationLogPath, new CurationEdit
        {
            TaskId = "machine_task_1",
            Action = CurationAction.Reject,
            Reason = "too easy",
            Who = "ana",
            When = when,
        }, CancellationToken.None);
        await CurationLog.AppendAsync(_run.CurationLogPath, new CurationEdit
        {
            TaskId = "machine_task_0",
            Action = CurationAction.Edit,
            Field = CurationField.Output,
            Instance = 0,
            Before = "Bonjour.",
            After = "Bonjour !",
            Who = "ana",
            When = when,
        }, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _run.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Data_export_applies_the_log_and_says_how_many_edits()
    {
        var target = Path.Combine(_run.Root, "alpaca.json");

        var result = await CliRunner.RunAsync("", "data", "export", Dataset, "--format", "alpaca", "--out", target);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("applied 2 of 2 curation edits (1 task rejected)", result.Output);
        var exported = await File.ReadAllTextAsync(target);
        Assert.Contains("Bonjour !", exported);
        Assert.DoesNotContain("review positive", exported);
    }

    [Fact]
    public async Task Finetune_trains_on_the_curated_rows()
    {
        var split = await TrainingRows.LoadAsync(new FinetuneConfig { Data = Dataset, ValidationFraction = 0 },
            CancellationToken.None);

        Assert.Equal(2, split.TrainTasks);
        Assert.Contains(split.Train, row => row.Output == "Bonjour !");
        Assert.DoesNotContain(split.Train, row => row.TaskId == "machine_task_1");
    }

    [Fact]
    public async Task Data_curate_writes_a_curated_file_that_is_not_curated_twice()
    {
        var target = Path.Combine(_run.Generate, "curated.parquet");

        var result = await CliRunner.RunAsync("", "data", "curate", _run.Root, "--apply", "--out", target);
        var curated = await ParquetDatasetStore.ReadAsync(target, CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Wrote 3 rows", result.Output);
        Assert.Equal("2", curated.Metadata[CuratedDataset.MetadataKey]);
        Assert.Equal(0, CuratedDataset.Beside(target, curated).Logged);
        Assert.True(File.Exists(Dataset));
        Assert.Equal(4, (await ParquetDatasetStore.ReadAsync(Dataset, CancellationToken.None)).Rows.Count);
    }

    [Fact]
    public async Task Data_curate_apply_without_out_is_bad_input()
    {
        var result = await CliRunner.RunAsync("", "data", "curate", _run.Root, "--apply");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--apply needs --out FILE", result.Output + result.Error);
    }

    [Fact]
    public async Task View_refuses_to_listen_beyond_loopback_without_a_key()
    {
        var result = await CliRunner.RunAsync("", "view", _run.Root, "--host", "0.0.0.0", "--port", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--host 0.0.0.0 exposes the page beyond this machine", result.Error);
    }

    [Fact]
    public async Task View_names_what_a_folder_without_a_run_lacks()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_run.Root, "empty")).FullName;

        var result = await CliRunner.RunAsync("", "view", empty, "--port", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("expected a generate folder (dataset.parquet)", result.Error);
    }
}
