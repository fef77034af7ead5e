using SelfInstruct.Cli.Pipeline;
using SelfInstruct.Evaluate.Decontamination;
using SelfInstruct.Tests.Model;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Cli.Pipeline;

[Collection(TorchSharpTests.Name)]
public sealed class PipelineDecontaminationTests
{
    [Fact]
    public async Task A_planted_seed_task_is_dropped_from_training_and_shown_in_the_report()
    {
        using var folder = new TemporaryFolder();
        var seeds = await PlantAsync(folder);
        var config = await PipelineConfigs.WriteReducedAsync(folder, seedsFile: seeds, decontaminate: "drop");
        var run = folder.File("run");

        var result = await CliRunner.RunAsync("", "pipeline", "--config", config);

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        var report = await DecontaminationFiles.ReadAsync(
            Path.Combine(run, "decontaminate", DecontaminationFiles.JsonFileName), CancellationToken.None);
        var pair = Assert.Single(report.Flagged);
        Assert.Equal(("planted", "selfinstruct_task01_entailment"), (pair.TaskId, pair.EvaluationTaskId));
        var trainedSeeds = await ParquetDatasetStore.ReadAsync(Path.Combine(run, "decontaminate", "seeds.parquet"),
            CancellationToken.None);
        var allSeeds = await DatasetFiles.ReadAsync(seeds, null, CancellationToken.None);
        Assert.Equal(allSeeds.Rows.Where(row => row.TaskId != "planted"), trainedSeeds.Rows);
        var markdown = await File.ReadAllTextAsync(Path.Combine(run, "evaluate", "report.md"));
        Assert.Contains("## Overlap of the training data with the evaluation set", markdown, StringComparison.Ordinal);
        Assert.Contains($"1 of {report.Tasks} training tasks", markdown, StringComparison.Ordinal);
        Assert.Contains("| planted | In this task, you are given two statements", markdown, StringComparison.Ordinal);
        Assert.Contains("They were dropped", markdown, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("..", "decontaminate", DecontaminationFiles.MarkdownFileName), markdown,
            StringComparison.Ordinal);
        var summary = await PipelineSummaryFile.ReadAsync(run, CancellationToken.None);
        Assert.Equal(1, summary.OverlappingTasks);
        Assert.Matches(@"training tasks overlapping the evaluation set\s+│\s+1 of \d+, dropped", result.Output);
    }

    [Fact]
    public async Task Off_runs_no_check_and_the_report_has_no_overlap_section()
    {
        using var folder = new TemporaryFolder();
        var config = await PipelineConfigs.WriteReducedAsync(folder, decontaminate: "off");
        var run = folder.File("run");

        var result = await CliRunner.RunAsync("", "pipeline", "--config", config);

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.False(Directory.Exists(Path.Combine(run, "decontaminate")));
        var markdown = await File.ReadAllTextAsync(Path.Combine(run, "evaluate", "report.md"));
        Assert.DoesNotContain("Overlap of the training data", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("decontaminate", await File.ReadAllTextAsync(Path.Combine(run, StageLedger.FileName)),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mode_that_is_not_one_of_the_three_is_named()
    {
        using var folder = new TemporaryFolder();
        var config = await PipelineConfigs.WriteReducedAsync(folder, decontaminate: "remove");

        var result = await CliRunner.RunAsync("", "pipeline", "--config", config);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("decontaminate:", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.File("run")));
    }

    // The seed pool with one more task: the first data/eval definition with one word changed.
    private static async Task<string> PlantAsync(TemporaryFolder folder)
    {
        var definition = JsonFile.ReadObject(RepositoryRoot.PathTo("data/eval/selfinstruct_task01_entailment.json"))
            ["Definition"]![0]!.GetValue<string>();
        var planted = new JsonObject
        {
            ["id"] = "planted",
            ["name"] = "planted",
            ["instruction"] = definition.Replace("two sentences", "two statements", StringComparison.Ordinal),
            ["instances"] = new JsonArray(new JsonObject { ["input"] = "A. B.", ["output"] = "neutral" }),
            ["is_classification"] = true,
        };
        var path = folder.File("seeds.jsonl");
        var lines = File.ReadLines(RepositoryRoot.PathTo("data/seed_tasks.jsonl")).Append(planted.ToJsonString());
        await File.WriteAllLinesAsync(path, lines);
        return path;
    }
}
