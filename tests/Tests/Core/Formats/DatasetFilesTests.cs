using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Core.Formats;

public sealed class DatasetFilesTests
{
    private static readonly SeedTask[] _tasks =
    [
        new("seed_task_0", "capital", "Name the capital of the given country.",
            [new TaskInstance("France", "Paris"), new TaskInstance("Japan", "Tokyo")], false),
        new("seed_task_1", "parity", "Is the number even or odd? Answer even or odd.",
            [new TaskInstance("7", "odd")], true),
    ];

    [Fact]
    public async Task Converts_seed_tasks_to_parquet_rows_and_back()
    {
        using var folder = new TemporaryFolder();
        await SeedTaskJsonl.WriteAsync(folder.File("seeds.jsonl"), _tasks, CancellationToken.None);

        var seeds = await DatasetFiles.ReadAsync(folder.File("seeds.jsonl"), null, CancellationToken.None);
        await DatasetFiles.WriteAsync(folder.File("seeds.parquet"), seeds, null, CancellationToken.None);
        var parquet = await DatasetFiles.ReadAsync(folder.File("seeds.parquet"), null, CancellationToken.None);
        await DatasetFiles.WriteAsync(folder.File("back.jsonl"), parquet, null, CancellationToken.None);

        Assert.Equal(3, parquet.Rows.Count);
        Assert.All(parquet.Rows, row => Assert.Equal(TaskOrigin.Seed, row.Origin));
        Assert.Equal(File.ReadAllText(folder.File("seeds.jsonl")), File.ReadAllText(folder.File("back.jsonl")));
    }

    [Fact]
    public async Task Converts_alpaca_examples_to_one_machine_task_each()
    {
        using var folder = new TemporaryFolder();
        await AlpacaJson.WriteAsync(folder.File("a.json"),
            [new AlpacaExample("Name a color.", "", "Blue"), new AlpacaExample("Name a color.", "", "Red")],
            CancellationToken.None);

        var dataset = await DatasetFiles.ReadAsync(folder.File("a.json"), null, CancellationToken.None);

        Assert.Equal(["alpaca_0", "alpaca_1"], dataset.Rows.Select(row => row.TaskId));
        Assert.All(dataset.Rows, row => Assert.Equal(TaskOrigin.Machine, row.Origin));
    }

    [Fact]
    public void Refuses_an_unknown_extension_naming_the_file()
    {
        var exception = Assert.Throws<ArgumentException>(() => DatasetFiles.FormatOf("data.csv"));

        Assert.StartsWith("data.csv: cannot tell the format from the extension '.csv'", exception.Message);
    }
}
