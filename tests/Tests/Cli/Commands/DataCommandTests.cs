using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Cli.Commands;

public sealed class DataCommandTests
{
    [Fact]
    public async Task Converts_by_extension_and_prints_statistics()
    {
        using var folder = new TemporaryFolder();
        await SeedTaskJsonl.WriteAsync(folder.File("seeds.jsonl"),
        [
            new SeedTask("seed_task_0", "a", "Name the capital of the given country.",
                [new TaskInstance("France", "Paris"), new TaskInstance("Peru", "Lima")], false),
            new SeedTask("seed_task_1", "b", "Is the number even or odd?", [new TaskInstance("", "odd")], true),
        ], CancellationToken.None);

        var convert = await CliRunner.RunAsync(
            "", "data", "convert", folder.File("seeds.jsonl"), folder.File("d.parquet"));
        var stats = await CliRunner.RunAsync("", "data", "stats", folder.File("d.parquet"));

        Assert.Equal(0, convert.ExitCode);
        var written = await ParquetDatasetStore.ReadAsync(folder.File("d.parquet"), CancellationToken.None);
        Assert.Equal(3, written.Rows.Count);
        Assert.Equal(0, stats.ExitCode);
        Assert.Matches(@"│ tasks\s+│\s+2 │", stats.Output);
        Assert.Matches(@"│ instances\s+│\s+3 │", stats.Output);
        Assert.Matches(@"│ classification tasks\s+│\s+1 │", stats.Output);
        Assert.Matches(@"│ instances with empty input\s+│\s+1 │", stats.Output);
        Assert.Matches(@"│ instruction \(per task\)\s+│\s+6 │\s+6\.5 │", stats.Output);
        Assert.Contains("selfinstruct.schema_version = 1", stats.Output);
    }

    [Fact]
    public async Task Converts_to_the_format_named_by_option_whatever_the_extension()
    {
        using var folder = new TemporaryFolder();
        await AlpacaJson.WriteAsync(folder.File("a.json"), [new AlpacaExample("Name a color.", "", "Blue")],
            CancellationToken.None);

        var result = await CliRunner.RunAsync("", "data", "convert", folder.File("a.json"), folder.File("a.out"),
            "--format", "jsonl");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("alpaca_0", (await SeedTaskJsonl.ReadAsync(folder.File("a.out"), CancellationToken.None))[0].Id);
    }

    [Fact]
    public async Task Reports_a_broken_input_line_and_writes_nothing()
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllTextAsync(folder.File("bad.jsonl"), "{\"id\": \"x\"}\n");

        var result = await CliRunner.RunAsync(
            "", "data", "convert", folder.File("bad.jsonl"), folder.File("o.parquet"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(
            $"{folder.File("bad.jsonl")}:1: instances: expected a value, found no such field", result.Error);
        Assert.False(File.Exists(folder.File("o.parquet")));
    }

    [Theory]
    [InlineData("openai-chat", "d.chat.jsonl",
        "{\"messages\":[{\"role\":\"user\",\"content\":\"Name the capital.\\n\\nFrance\"}," +
        "{\"role\":\"assistant\",\"content\":\"Paris\"}]}")]
    [InlineData("openai-completions", "d.completions.jsonl",
        "{\"prompt\":\"Name the capital.\\n\\nFrance\\n\\nOutput:\",\"completion\":\" Paris\"}")]
    public async Task Exports_to_the_openai_fine_tuning_formats(string format, string fileName, string firstLine)
    {
        using var folder = new TemporaryFolder();
        await ParquetDatasetStore.WriteAsync(folder.File("d.parquet"),
        [
            new DatasetRow { TaskId = "t0", Instruction = "Name the capital.", Input = "France", Output = "Paris" },
            new DatasetRow { TaskId = "t1", Instruction = "Say hello.", Input = "", Output = "Hello!" },
        ], new Dictionary<string, string>(), CancellationToken.None);

        var result = await CliRunner.RunAsync("", "data", "export", folder.File("d.parquet"), "--format", format);

        Assert.Equal(0, result.ExitCode);
        var lines = await File.ReadAllLinesAsync(folder.File(fileName));
        Assert.Equal(2, lines.Length);
        Assert.Equal(firstLine, lines[0]);
    }

    [Fact]
    public async Task Exports_the_user_turn_as_the_chat_fine_tuning_format_writes_the_users_message()
    {
        using var folder = new TemporaryFolder();
        var row = new DatasetRow
        {
            TaskId = "t0",
            Instruction = " Sort the list.\n",
            Input = "3, 1, 2\n\n",
            Output = "1",
        };
        await ParquetDatasetStore.WriteAsync(folder.File("d.parquet"), [row], new Dictionary<string, string>(),
            CancellationToken.None);

        await CliRunner.RunAsync("", "data", "export", folder.File("d.parquet"), "--format", "openai-chat");

        var line = JsonNode.Parse(await File.ReadAllTextAsync(folder.File("d.chat.jsonl")))!;
        Assert.Equal(ChatFormat.UserMessage(row.Instruction, row.Input),
            line["messages"]![0]!["content"]!.GetValue<string>());
        Assert.Equal("Sort the list.\n\n3, 1, 2", line["messages"]![0]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refuses_an_unknown_export_format_naming_the_choices()
    {
        using var folder = new TemporaryFolder();

        var result = await CliRunner.RunAsync("", "data", "export", folder.File("d.parquet"), "--format", "csv");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--format: expected one of alpaca, selfinstruct, openai-chat, openai-completions, found 'csv'",
            result.Error);
    }
}
