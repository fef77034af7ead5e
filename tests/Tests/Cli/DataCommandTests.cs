using SelfInstruct.Core.Formats;
using SelfInstruct.Core.Records;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Cli;

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

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(
            $"{folder.File("bad.jsonl")}:1: instances: expected a value, found no such field", result.Error);
        Assert.False(File.Exists(folder.File("o.parquet")));
    }
}
