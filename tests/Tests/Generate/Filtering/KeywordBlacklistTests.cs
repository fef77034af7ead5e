using SelfInstruct.Generate.Filtering;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Generate.Filtering;

public sealed class KeywordBlacklistTests
{
    [Fact]
    public async Task Reads_one_keyword_per_line_skipping_blank_lines_and_comments()
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllLinesAsync(folder.File("blacklist.txt"),
            ["# Russian keywords", "изображение", "", "  нарисуй  ", "   # indented comment", "图片", "go to"]);

        var keywords = KeywordBlacklist.Read(folder.File("blacklist.txt"));

        Assert.Equal(["изображение", "нарисуй", "图片", "go to"], keywords);
    }

    [Fact]
    public async Task Names_the_file_and_line_of_every_bad_line()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("blacklist.txt");
        await File.WriteAllLinesAsync(path, ["изображение", "# ok", "---", "图片", "«»"]);

        var error = Assert.Throws<InvalidDataException>(() => KeywordBlacklist.Read(path));

        Assert.Contains($"{path}:3: expected a keyword with a letter or digit, found '---'", error.Message,
            StringComparison.Ordinal);
        Assert.Contains($"{path}:5: expected a keyword with a letter or digit, found '«»'", error.Message,
            StringComparison.Ordinal);
        Assert.DoesNotContain(":1:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_the_line_that_is_not_utf8()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("blacklist.txt");
        await File.WriteAllBytesAsync(path, [.. "image\nfi"u8, 0xFF, .. "le\n"u8]);

        var error = Assert.Throws<InvalidDataException>(() => KeywordBlacklist.Read(path));

        Assert.StartsWith($"{path}:2: not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_a_missing_file()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("missing.txt");

        var error = Assert.Throws<FileNotFoundException>(() => KeywordBlacklist.Read(path));

        Assert.Equal($"{path}: no such blacklist file", error.Message);
    }

    [Fact]
    public async Task Reads_a_file_of_comments_only_as_no_keywords()
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllLinesAsync(folder.File("blacklist.txt"), ["# no blacklist", ""]);

        var keywords = KeywordBlacklist.Read(folder.File("blacklist.txt"));

        Assert.Empty(keywords);
    }
}
