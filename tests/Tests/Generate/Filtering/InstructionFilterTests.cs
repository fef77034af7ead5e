using SelfInstruct.Generate.Filtering;
using Xunit;

namespace SelfInstruct.Tests.Generate.Filtering;

public sealed class InstructionFilterTests
{
    [Theory]
    [InlineData("Write a poem.", InstructionFilter.TooShort)]
    [InlineData("Describe the picture below in detail.", InstructionFilter.BlacklistedKeyword)]
    [InlineData("Open the FILES and count lines.", InstructionFilter.BlacklistedKeyword)]
    [InlineData("Tell me how to go to the station.", InstructionFilter.BlacklistedKeyword)]
    [InlineData("Write a program that sorts numbers.", InstructionFilter.WriteAProgram)]
    [InlineData("- Give three tips for sleeping well.", InstructionFilter.LeadingPunctuation)]
    [InlineData("¿Qué hora es ahora mismo?", InstructionFilter.NonAsciiStart)]
    [InlineData("Give three tips for sleeping well.", null)]
    [InlineData("Explain how a heat map differs from a table.", InstructionFilter.BlacklistedKeyword)]
    [InlineData("Explain how mapping works in a hash table.", null)]
    [InlineData("Summarize the video transcript below.", null)]
    public void Names_the_first_heuristic_an_instruction_fails(string instruction, string? expected)
    {
        var filter = new InstructionFilter();

        var rejection = filter.Rejection(instruction);

        Assert.Equal(expected, rejection);
    }

    [Fact]
    public void Counts_words_at_the_bounds_of_four_and_one_hundred_fifty()
    {
        var filter = new InstructionFilter();

        Assert.Equal(InstructionFilter.TooShort, filter.Rejection("Name three fruits."));
        Assert.Null(filter.Rejection("Name three red fruits."));
        Assert.Null(filter.Rejection(string.Join(' ', Enumerable.Repeat("word", 150))));
        Assert.Equal(InstructionFilter.TooLong, filter.Rejection(string.Join(' ', Enumerable.Repeat("word", 151))));
    }

    [Fact]
    public void Rejects_alpaca_keywords_only_when_asked()
    {
        const string Instruction = "Summarize the video transcript below.";

        Assert.Null(new InstructionFilter().Rejection(Instruction));
        Assert.Equal(
            InstructionFilter.BlacklistedKeyword, new InstructionFilter(alpacaKeywords: true).Rejection(Instruction));
    }

    [Theory]
    [InlineData("Напишите короткое стихотворение о море.", InstructionFilter.NonAsciiStart, null)]
    [InlineData("写一首关于大海的诗。", InstructionFilter.TooShort, null)]
    [InlineData("写诗吧", InstructionFilter.TooShort, InstructionFilter.TooShort)]
    [InlineData("Écris un poème sur la mer.", InstructionFilter.NonAsciiStart, null)]
    [InlineData("اكتب قصيدة قصيرة عن البحر", InstructionFilter.NonAsciiStart, null)]
    [InlineData("«Напишите стихотворение о море»", InstructionFilter.NonAsciiStart,
        InstructionFilter.LeadingPunctuationOrSymbol)]
    [InlineData("【任务】写一首关于大海的诗", InstructionFilter.TooShort, InstructionFilter.LeadingPunctuationOrSymbol)]
    [InlineData("😀 Напишите стихотворение о море", InstructionFilter.NonAsciiStart,
        InstructionFilter.LeadingPunctuationOrSymbol)]
    [InlineData("¿Qué hora es ahora mismo?", InstructionFilter.NonAsciiStart,
        InstructionFilter.LeadingPunctuationOrSymbol)]
    [InlineData("- Give three tips for sleeping well.", InstructionFilter.LeadingPunctuation,
        InstructionFilter.LeadingPunctuationOrSymbol)]
    [InlineData("Describe the PICTURE below in detail.", InstructionFilter.BlacklistedKeyword,
        InstructionFilter.BlacklistedKeyword)]
    [InlineData("Write a program that sorts numbers.", InstructionFilter.WriteAProgram, InstructionFilter.WriteAProgram)]
    [InlineData("Give three tips for sleeping well.", null, null)]
    public void Names_the_first_heuristic_an_instruction_fails_in_each_text_mode(
        string instruction, string? english, string? unicode)
    {
        var englishFilter = new InstructionFilter(mode: TextMode.English);
        var unicodeFilter = new InstructionFilter(mode: TextMode.Unicode);

        Assert.Equal(english, englishFilter.Rejection(instruction));
        Assert.Equal(unicode, unicodeFilter.Rejection(instruction));
    }

    [Fact]
    public void Counts_unicode_tokens_at_the_bounds_in_unicode_mode()
    {
        var filter = new InstructionFilter(mode: TextMode.Unicode);

        Assert.Equal(InstructionFilter.TooShort, filter.Rejection("写一首"));
        Assert.Null(filter.Rejection("写一首诗"));
        Assert.Null(filter.Rejection(new string('诗', 150)));
        Assert.Equal(InstructionFilter.TooLong, filter.Rejection(new string('诗', 151)));
        Assert.Equal(InstructionFilter.TooShort, filter.Rejection("Напишите короткое стихотворение"));
    }

    [Fact]
    public void Matches_a_keyword_list_as_whole_unicode_tokens_in_unicode_mode()
    {
        var filter = new InstructionFilter(mode: TextMode.Unicode, keywords: ["图片", "нарисуй", "go to"]);

        Assert.Equal(InstructionFilter.BlacklistedKeyword, filter.Rejection("请描述这张图片中的人物"));
        Assert.Equal(InstructionFilter.BlacklistedKeyword, filter.Rejection("НАРИСУЙ, пожалуйста, схему дома"));
        Assert.Equal(InstructionFilter.BlacklistedKeyword, filter.Rejection("Tell me how to go  to the station."));
        Assert.Null(filter.Rejection("Нарисуйте, пожалуйста, схему дома"));
        Assert.Null(filter.Rejection("请描述这张图中的人物"));
        Assert.Null(filter.Rejection("Describe the picture below in detail."));
    }

    [Fact]
    public void Replaces_the_paper_keywords_with_a_list_in_english_mode_and_an_empty_list_rejects_none()
    {
        var custom = new InstructionFilter(keywords: ["spreadsheet"]);
        var none = new InstructionFilter(keywords: []);

        Assert.Equal(InstructionFilter.BlacklistedKeyword, custom.Rejection("Sum the Spreadsheet column below."));
        Assert.Null(custom.Rejection("Describe the picture below in detail."));
        Assert.Null(none.Rejection("Describe the picture below in detail."));
        Assert.Equal(InstructionFilter.TooShort, none.Rejection("Write a poem."));
    }

    [Fact]
    public void Refuses_a_keyword_without_a_letter_or_digit_in_unicode_mode()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new InstructionFilter(mode: TextMode.Unicode, keywords: ["图片", "--"]));

        Assert.Contains("keyword '--' has no letter or digit", error.Message, StringComparison.Ordinal);
    }
}
