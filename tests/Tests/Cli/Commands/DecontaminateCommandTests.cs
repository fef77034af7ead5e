using SelfInstruct.Evaluate.Decontamination;
using SelfInstruct.Evaluate.Sets;
using SelfInstruct.Tests.Evaluate.Decontamination;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Cli.Commands;

public sealed class DecontaminateCommandTests
{
    private const string UserOrientedLine = "{\"id\": \"user_oriented_task_0\", \"motivation_app\": \"Grammarly\", " +
        "\"instruction\": \"Rewrite the given email so that it sounds more polite and professional.\", " +
        "\"instances\": [{\"input\": \"Send me the report now.\", \"output\": \"Could you send me the report?\"}]}";

    [Fact]
    public async Task Reports_each_set_and_writes_the_dataset_without_the_flagged_tasks()
    {
        using var folder = new TemporaryFolder();
        var rows = DecontaminationSamples.Rows();
        rows.Add(new DatasetRow
        {
            TaskId = "polite",
            Instruction = "Rewrite the given email so that it sounds more polite and friendly.",
            Output = "Hello.",
        });
        await ParquetDatasetStore.WriteAsync(folder.File("data.parquet"), rows, new Dictionary<string, string>(),
            CancellationToken.None);
        WriteSuperNiFolder(folder.File("superni"));
        await File.WriteAllTextAsync(folder.File("user.jsonl"), UserOrientedLine + "\n");

        var result = await CliRunner.RunAsync("", "data", "decontaminate", folder.File("data.parquet"), "--against",
            folder.File("superni"), folder.File("user.jsonl"), "--out", folder.File("clean.parquet"), "--report",
            folder.File("report"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("3 of 6 tasks overlap", result.Output, StringComparison.Ordinal);
        var report = await DecontaminationFiles.ReadAsync(
            Path.Combine(folder.File("report"), DecontaminationFiles.JsonFileName), CancellationToken.None);
        Assert.Equal([2, 1], report.Sets.Select(set => set.FlaggedTasks));
        Assert.Equal([EvaluationSetKind.SuperNi, EvaluationSetKind.UserOriented], report.Sets.Select(set => set.Kind));
        Assert.Equal(folder.File("clean.parquet"), report.CleanedDataset);
        var clean = await ParquetDatasetStore.ReadAsync(folder.File("clean.parquet"), CancellationToken.None);
        Assert.Equal(["unrelated-1", "unrelated-2", "twelve-tokens"], clean.Rows.Select(row => row.TaskId));
        Assert.True(File.Exists(Path.Combine(folder.File("report"), DecontaminationFiles.MarkdownFileName)));
    }

    [Fact]
    public async Task A_missing_evaluation_set_is_one_line_and_exit_code_2()
    {
        using var folder = new TemporaryFolder();
        await ParquetDatasetStore.WriteAsync(folder.File("data.parquet"), DecontaminationSamples.Rows(),
            new Dictionary<string, string>(), CancellationToken.None);

        var result = await CliRunner.RunAsync("", "data", "decontaminate", folder.File("data.parquet"), "--against",
            folder.File("absent"));

        AssertBadInput(result, $"{folder.File("absent")}: no such evaluation set");
        Assert.False(File.Exists(folder.File(DecontaminationFiles.JsonFileName)));
    }

    [Fact]
    public async Task A_dataset_without_a_column_is_named_with_the_column()
    {
        using var folder = new TemporaryFolder();
        await ParquetDatasetStore.WriteRowsAsync(folder.File("bad.parquet"), [new OnlyTaskId { TaskId = "t0" }], "1",
            new Dictionary<string, string>(), CancellationToken.None);
        await File.WriteAllTextAsync(folder.File("user.jsonl"), UserOrientedLine + "\n");

        var result = await CliRunner.RunAsync("", "data", "decontaminate", folder.File("bad.parquet"), "--against",
            folder.File("user.jsonl"), "--out", folder.File("clean.parquet"));

        AssertBadInput(result, $"{folder.File("bad.parquet")}: column 'instruction': expected a string column");
        Assert.False(File.Exists(folder.File("clean.parquet")));
    }

    [Fact]
    public async Task A_threshold_out_of_range_is_named()
    {
        using var folder = new TemporaryFolder();

        var result = await CliRunner.RunAsync("", "data", "decontaminate", folder.File("data.parquet"), "--against",
            folder.File("user.jsonl"), "--rouge-l-threshold", "1.5");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("rouge_l_threshold must lie in (0, 1], found 1.5", result.Error, StringComparison.Ordinal);
    }

    [SharedDataFact]
    public async Task Flags_a_reworded_user_oriented_instruction_against_the_shared_sets()
    {
        using var folder = new TemporaryFolder();
        var userOriented = SharedData.PathTo("data/self-instruct/user_oriented_instructions.jsonl");
        var original = JsonNode.Parse(File.ReadLines(userOriented).First())!["instruction"]!.GetValue<string>();
        var words = original.Split(' ');
        words[^1] = "quickly.";
        var rows = DecontaminationSamples.Rows().Append(new DatasetRow
        {
            TaskId = "reworded",
            Instruction = string.Join(' ', words),
            Output = "x",
        });
        await ParquetDatasetStore.WriteAsync(folder.File("data.parquet"), rows, new Dictionary<string, string>(),
            CancellationToken.None);

        var result = await CliRunner.RunAsync("", "data", "decontaminate", folder.File("data.parquet"), "--against",
            SharedData.PathTo("data/superni"), userOriented);

        Assert.Equal(0, result.ExitCode);
        var report = await DecontaminationFiles.ReadAsync(folder.File(DecontaminationFiles.JsonFileName),
            CancellationToken.None);
        Assert.Equal([0, 1], report.Sets.Select(set => set.FlaggedTasks));
        Assert.Equal("reworded", Assert.Single(report.Flagged).TaskId);
        Assert.Equal([12, 252], report.Sets.Select(set => set.Tasks));
    }

    private static void WriteSuperNiFolder(string folder)
    {
        Directory.CreateDirectory(folder);
        var set = DecontaminationSamples.Set().Set;
        File.WriteAllLines(Path.Combine(folder, "test_tasks.txt"), set.Tasks.Select(task => task.Id));
        foreach (var task in set.Tasks)
        {
            var json = new JsonObject
            {
                ["Definition"] = new JsonArray(task.Instruction),
                ["Categories"] = new JsonArray(task.Category),
                ["Instances"] = new JsonArray(task.Instances.Select(instance => (JsonNode)new JsonObject
                {
                    ["id"] = instance.Id,
                    ["input"] = instance.Input,
                    ["output"] = new JsonArray(instance.References.Select(reference => (JsonNode)reference!).ToArray()),
                }).ToArray()),
            };
            File.WriteAllText(Path.Combine(folder, task.Id + ".json"), json.ToJsonString());
        }
    }

    private static void AssertBadInput(CliResult result, string expected)
    {
        Assert.True(result.ExitCode == 2, $"exit code {result.ExitCode}: {result.Error}");
        Assert.StartsWith($"selfinstruct: {expected}", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
    }

    private sealed class OnlyTaskId
    {
        [System.Text.Json.Serialization.JsonPropertyName("task_id")]
        public string TaskId { get; set; } = "";
    }
}
