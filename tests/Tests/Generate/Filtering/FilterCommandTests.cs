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

    [Fact]
    public async Task Filters_a_russian_and_chinese_pool_in_unicode_mode_with_a_blacklist_file()
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllLinesAsync(folder.File("pool.txt"),
            ["写一首关于大海的诗。", "Напишите короткое стихотворение о море."]);
        await File.WriteAllLinesAsync(folder.File("blacklist.txt"), ["# keywords", "图片", "нарисуйте"]);
        await File.WriteAllLinesAsync(folder.File("candidates.txt"),
        [
            "请写一首关于大海的诗",
            "Напишите короткое стихотворение о море!",
            "列出三个学习编程的理由。",
            "Объясните, почему небо голубое.",
            "«Переведите этот текст на английский»",
            "请描述这张图片中的人物",
            "Нарисуйте схему метро Москвы.",
        ]);

        var result = await CliRunner.RunAsync("", "filter", folder.File("candidates.txt"),
            "--pool", folder.File("pool.txt"), "--text-mode", "unicode", "--blacklist", folder.File("blacklist.txt"),
            "--out", folder.File("kept.parquet"));

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"│ accepted\s+│\s+2 │", result.Output);
        Assert.Matches(@"│ too_similar\s+│\s+2 │", result.Output);
        Assert.Matches(@"│ blacklisted_keyword\s+│\s+2 │", result.Output);
        Assert.Matches(@"│ leading_punctuation_or_symbol\s+│\s+1 │", result.Output);
        var kept = await ParquetDatasetStore.ReadAsync(folder.File("kept.parquet"), CancellationToken.None);
        Assert.Equal(["列出三个学习编程的理由。", "Объясните, почему небо голубое."],
            kept.Rows.Select(row => row.Instruction));
        Assert.Equal("unicode", kept.Metadata["selfinstruct.filter.text_mode"]);
    }

    [Fact]
    public async Task Rejects_russian_and_chinese_instructions_in_english_mode()
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllLinesAsync(folder.File("candidates.txt"),
            ["列出三个学习编程的理由。", "Объясните, почему небо голубое."]);

        var result = await CliRunner.RunAsync("", "filter", folder.File("candidates.txt"));

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"│ too_short\s+│\s+1 │", result.Output);
        Assert.Matches(@"│ non_ascii_start\s+│\s+1 │", result.Output);
    }

    [Fact]
    public async Task Reports_a_bad_blacklist_line_with_its_file_and_line()
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllLinesAsync(folder.File("c.txt"), ["Give three tips for sleeping well."]);
        await File.WriteAllLinesAsync(folder.File("blacklist.txt"), ["image", "", "???"]);

        var result = await CliRunner.RunAsync("", "filter", folder.File("c.txt"),
            "--blacklist", folder.File("blacklist.txt"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{folder.File("blacklist.txt")}:3: expected a keyword with a letter or digit, found '???'",
            result.Error, StringComparison.Ordinal);
    }
}
