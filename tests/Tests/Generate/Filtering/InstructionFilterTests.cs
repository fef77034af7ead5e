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
}
