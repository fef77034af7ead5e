using SelfInstruct.Generate.Configuration;
using SelfInstruct.Generate.Pipeline;
using SelfInstruct.Generate.Reports;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Generate.Reports;

public sealed class StatisticsReportTests
{
    private static readonly GenerationResult _result = new(
        StopReason.TargetReached,
        [
            Task("Classify the review as positive or negative.", true, [new("Great film.", "positive"),
                new("Dull and long.", "negative")], 0.31),
            Task("Write a haiku about rain.", false, [new("", "Soft rain on the roof\nthe gutters hum")], 0.12),
            Task("Write a limerick about a goat.", false, [], 0.4),
        ],
        new GenerationProgress(3, 3, 3, 3,
            new Dictionary<string, long> { ["instructions.too_similar"] = 4, ["instances.no_instances"] = 1, ["instances.retried_timeout"] = 2 },
            new Dictionary<GenerationStep, StepUsage>
            {
                [GenerationStep.Instructions] = new(2, 1000, 300),
                [GenerationStep.Classification] = new(3, 2400, 3),
                [GenerationStep.Instances] = new(3, 1500, 200, Retries: 2, BackoffSeconds: 3.5),
            },
            0, 0.0123, TimeSpan.FromMinutes(1)),
        0);

    [Fact]
    public void Counts_as_the_papers_table_one()
    {
        var statistics = GenerationStatistics.From(_result, "fake-model", "p@1");

        Assert.Equal((3, 1, 1), (statistics.Instructions, statistics.ClassificationInstructions,
            statistics.InstructionsWithoutInstances));
        Assert.Equal((3, 1), (statistics.Instances, statistics.InstancesWithEmptyInput));
        Assert.Equal([7, 5, 6], statistics.InstructionWords);
        Assert.Equal([2, 3], statistics.InputWords);
        Assert.Equal([1, 1, 8], statistics.OutputWords);
        Assert.Equal([KeyValuePair.Create("write", 2), KeyValuePair.Create("classify", 1)], statistics.LeadingWords);
        Assert.Equal([0.31, 0.12, 0.4], statistics.SeedSimilarities);
    }

    [Fact]
    public void Writes_a_dataset_card_whose_features_are_the_parquet_columns()
    {
        var statistics = GenerationStatistics.From(_result, "fake-model", "p@1");

        var card = DatasetCard.Render(new GenerationConfig { Model = "fake-model" }, statistics, rows: 3);

        Assert.StartsWith("---\n", card, StringComparison.Ordinal);
        var header = card[4..card.IndexOf("\n---\n", StringComparison.Ordinal)];
        Assert.Contains("  data_files:\n  - split: train\n    path: dataset.parquet\n", header,
            StringComparison.Ordinal);
        var features = Regex.Matches(header, @"  - name: (\w+)\n    dtype: (\w+)").Select(match =>
            (match.Groups[1].Value, match.Groups[2].Value)).ToList();
        Assert.Equal(ParquetDatasetStore.ColumnsOf(typeof(DatasetRow)).Select(column => column.Name),
            features.Select(feature => feature.Item1));
        Assert.Contains(("is_classification", "bool"), features);
        Assert.Contains(("max_similarity", "float64"), features);
        Assert.Contains("size_categories:\n- n<1K\n", header, StringComparison.Ordinal);
        Assert.DoesNotContain("\nlicense:", header, StringComparison.Ordinal);
        Assert.Contains("| `instructions.too_similar` | 4 |", card, StringComparison.Ordinal);
        Assert.Contains("| instances (rows) | 3 |", card, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(999, "n<1K")]
    [InlineData(1_000, "1K<n<10K")]
    [InlineData(52_445, "10K<n<100K")]
    [InlineData(100_000, "100K<n<1M")]
    public void Names_the_hubs_size_category(long rows, string category) =>
        Assert.Equal(category, DatasetCard.SizeCategory(rows));

    [Fact]
    public void Renders_the_report()
    {
        var statistics = GenerationStatistics.From(_result, "fake-model", "p@1");

        var markdown = StatisticsReport.Markdown(statistics, ["seed-similarity.png"]);

        Approvals.Verify("GenerationStats.md.txt", markdown);
    }

    [Fact]
    public async Task Writes_the_report_and_a_png_for_each_plot()
    {
        using var folder = new TemporaryFolder();
        var statistics = GenerationStatistics.From(_result, "fake-model", "p@1");

        var written = await StatisticsReport.WriteAsync(folder.Path, statistics, CancellationToken.None);

        Assert.Equal(
            ["stats.md", "instruction-lengths.png", "input-lengths.png", "output-lengths.png", "seed-similarity.png",
                "rejections.png"],
            written.Select(Path.GetFileName));
        foreach (var png in written.Skip(1))
        {
            var bytes = await File.ReadAllBytesAsync(png);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        }
        Assert.Contains("![rejections](rejections.png)", await File.ReadAllTextAsync(written[0]),
            StringComparison.Ordinal);
    }

    private static GeneratedTask Task(string instruction, bool isClassification, TaskInstance[] instances,
        double seedSimilarity) =>
        new($"machine_task_{instruction.Length}", instruction, isClassification, instances, seedSimilarity, [],
            seedSimilarity / 2, seedSimilarity);
}
