using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Cli;

/// <summary>
/// Broken input across the verbs: each case is one line on standard error naming the file, the line or the field,
/// exit code 2, and no output file left behind.
/// </summary>
public sealed class BadInputTests
{
    private const string Task = "{\"id\": \"s0\", \"name\": \"a\", \"instruction\": \"Name a colour.\", " +
        "\"instances\": [{\"input\": \"\", \"output\": \"red\"}], \"is_classification\": false}";

    public static TheoryData<string, string, string> SeedFiles => new()
    {
        { "a torn last line", Task + "\n{\"id\": \"s1\", \"instr", ":2: " },
        { "a value of the wrong type", Task.Replace("false}", "\"no\"}", StringComparison.Ordinal),
            ":1: is_classification: expected" },
        { "a duplicate instruction", Task + "\n" + Task.Replace("\"s0\"", "\"s1\"", StringComparison.Ordinal),
            ":2: instruction: expected an instruction no other task has, found the instruction of line 1" },
        { "an empty instruction", Task.Replace("Name a colour.", " ", StringComparison.Ordinal), ":1: instruction: " },
    };

    [Theory]
    [MemberData(nameof(SeedFiles))]
    public async Task A_broken_seed_file_is_named_with_its_line_and_writes_nothing(
        string what, string content, string expected)
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllTextAsync(folder.File("seeds.jsonl"), content);

        var result = await CliRunner.RunAsync("", "data", "convert", folder.File("seeds.jsonl"),
            folder.File("out.parquet"));

        AssertBadInput(result, folder.File("seeds.jsonl") + expected, what);
        Assert.False(File.Exists(folder.File("out.parquet")));
    }

    [Fact]
    public async Task A_byte_that_is_not_utf8_is_named_with_its_line()
    {
        using var folder = new TemporaryFolder();
        var bytes = Encoding.UTF8.GetBytes(Task + "\n" + Task.Replace("\"s0\"", "\"s1\"", StringComparison.Ordinal)
            .Replace("Name a colour.", "Name a col\u00f6ur.", StringComparison.Ordinal)).ToList();
        // "ö" is C3 B6 in UTF-8; a lone B6 is not UTF-8.
        bytes.RemoveAt(bytes.IndexOf(0xC3));
        await File.WriteAllBytesAsync(folder.File("seeds.jsonl"), [.. bytes]);

        var result = await CliRunner.RunAsync("", "generate", "--dry-run", "--out", folder.File("out"), "--seeds",
            folder.File("seeds.jsonl"));

        AssertBadInput(result, $"{folder.File("seeds.jsonl")}:2: text: expected UTF-8, found the byte 0xB6", "utf-8");
        Assert.False(Directory.Exists(folder.File("out")));
    }

    [Fact]
    public async Task A_dataset_without_a_column_is_named_with_the_column()
    {
        using var folder = new TemporaryFolder();
        await ParquetDatasetStore.WriteRowsAsync(folder.File("bad.parquet"), [new OnlyTaskId { TaskId = "t0" }], "1",
            new Dictionary<string, string>(), CancellationToken.None);

        var result = await CliRunner.RunAsync("", "data", "convert", folder.File("bad.parquet"),
            folder.File("out.jsonl"));

        AssertBadInput(result, $"{folder.File("bad.parquet")}: column 'instruction': expected a string column",
            "column");
        Assert.False(File.Exists(folder.File("out.jsonl")));
    }

    [Fact]
    public async Task A_config_with_an_unknown_key_and_a_value_out_of_range_names_both()
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllTextAsync(folder.File("run.json"), "{\"num_instructions\": 0, \"numinstructions\": 5}");

        var result = await CliRunner.RunAsync("", "generate", "--dry-run", "--config", folder.File("run.json"),
            "--out", folder.File("out"), "--seeds", RepositoryRoot.PathTo("data/seed_tasks.jsonl"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("numinstructions: not a setting (did you mean num_instructions?)", result.Error,
            StringComparison.Ordinal);
        Assert.Contains("num_instructions must be positive, found 0", result.Error, StringComparison.Ordinal);
        Assert.Contains(folder.File("run.json"), result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.File("out")));
    }

    [Fact]
    public async Task An_evaluation_instance_without_outputs_is_named_with_its_field()
    {
        using var folder = new TemporaryFolder();
        Directory.CreateDirectory(folder.File("set"));
        await File.WriteAllTextAsync(folder.File("set/test_tasks.txt"), "task1_broken\n");
        await File.WriteAllTextAsync(folder.File("set/task1_broken.json"), """
            { "Definition": ["Answer."], "Categories": ["Arithmetic"], "Positive Examples": [],
              "Instances": [{ "id": "i1", "input": "2 + 2", "output": [] }] }
            """);

        var result = await CliRunner.RunAsync("", "evaluate", "--superni", folder.File("set"), "--model",
            "m=openai:m@http://127.0.0.1:9/v1", "--out", folder.File("out"));

        AssertBadInput(result, $"{folder.File("set/task1_broken.json")}: Instances[0].output: expected a non-empty " +
            "list of strings", "output");
        Assert.False(File.Exists(folder.File("out/results.json")));
    }

    private static void AssertBadInput(CliResult result, string expected, string what)
    {
        Assert.True(result.ExitCode == 2, $"{what}: exit code {result.ExitCode}: {result.Error}");
        Assert.StartsWith($"selfinstruct: {expected}", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
    }

    private sealed class OnlyTaskId
    {
        [System.Text.Json.Serialization.JsonPropertyName("task_id")]
        public string TaskId { get; set; } = "";
    }
}
