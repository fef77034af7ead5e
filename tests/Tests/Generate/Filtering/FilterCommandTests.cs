using SelfInstruct.Tests.Cli;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Generate.Filtering;

public sealed class FilterCommandTests
{
    [Fact]
    public async Task Counts_rejections_by_reason_and_writes_the_accepted_with_their_similarity()
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllLinesAsync(folder.File("pool.txt"), ["Give three tips for sleeping well at night."]);
        await File.WriteAllLinesAsync(folder.File("candidates.txt"),
        [
            "Give three tips for sleeping well at night time.",
            "Translate the following sentence into Spanish.",
            "Draw a cat for me please.",
            "Hi.",
            "Translate the following sentence into Spanish.",
        ]);

        var result = await CliRunner.RunAsync("", "filter", folder.File("candidates.txt"),
            "--pool", folder.File("pool.txt"), "--out", folder.File("kept.parquet"));

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"│ accepted\s+│\s+1 │", result.Output);
        Assert.Matches(@"│ too_similar\s+│\s+1 │", result.Output);
        Assert.Matches(@"│ blacklisted_keyword\s+│\s+1 │", result.Output);
        Assert.Matches(@"│ too_short\s+│\s+1 │", result.Output);
        Assert.Matches(@"│ ROUGE-L pairs scored\s+│\s+2 │", result.Output);
        var kept = await ParquetDatasetStore.ReadAsync(folder.File("kept.parquet"), CancellationToken.None);
        var row = Assert.Single(kept.Rows);
        Assert.Equal("Translate the following sentence into Spanish.", row.Instruction);
        Assert.Equal("Give three tips for sleeping well at night.", row.MostSimilarInstruction);
        Assert.Equal("0.7", kept.Metadata["selfinstruct.filter.threshold"]);
    }

    [Fact]
    public async Task Refuses_a_threshold_outside_zero_to_one()
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllLinesAsync(folder.File("c.txt"), ["Give three tips for sleeping well."]);

        var result = await CliRunner.RunAsync("", "filter", folder.File("c.txt"), "--threshold", "7");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--threshold must lie in 0..1, found 7", result.Error);
    }
}
