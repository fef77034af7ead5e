using SelfInstruct.Generate.Prompts;
using Xunit;

namespace SelfInstruct.Tests.Generate.Prompts;

public sealed class InstructionResponseParserTests
{
    [Fact]
    public void Splits_a_completion_that_continues_after_the_open_number()
    {
        const string text = " Name three rivers in Africa.\n10. Write a limerick about a cat\n   who loves rain.\n" +
            "11 . explain why the sky is blue.\n12. ";

        var parse = InstructionResponseParser.Parse(text, truncated: false);

        Assert.Null(parse.Failure);
        Assert.Equal(
            ["Name three rivers in Africa.", "Write a limerick about a cat who loves rain.",
                "Explain why the sky is blue."],
            parse.Instructions);
    }

    [Fact]
    public void Drops_the_open_number_a_chat_model_repeats()
    {
        var parse = InstructionResponseParser.Parse("9. Plan a picnic for six people.\n10. Define SQL joins.", false);

        Assert.Equal(["Plan a picnic for six people.", "Define SQL joins."], parse.Instructions);
    }

    [Fact]
    public void Discards_a_response_cut_off_by_the_length_limit()
    {
        var parse = InstructionResponseParser.Parse("Plan a picnic.\n10. Describe the hist", truncated: true);

        Assert.Empty(parse.Instructions);
        Assert.Equal(InstructionResponseParser.TruncatedResponse, parse.Failure);
    }

    [Theory]
    [InlineData(null, InstructionResponseParser.EmptyResponse)]
    [InlineData("", InstructionResponseParser.EmptyResponse)]
    [InlineData("  \n ", InstructionResponseParser.EmptyResponse)]
    [InlineData("\n10. \n11. ", InstructionResponseParser.NoInstructions)]
    public void Names_why_a_response_yields_nothing(string? text, string reason)
    {
        var parse = InstructionResponseParser.Parse(text, truncated: false);

        Assert.Empty(parse.Instructions);
        Assert.Equal(reason, parse.Failure);
    }

    [Fact]
    public void Keeps_garbage_as_one_candidate_for_the_filter_to_judge()
    {
        var parse = InstructionResponseParser.Parse("@@@ ### !!!", truncated: false);

        Assert.Equal(["@@@ ### !!!"], parse.Instructions);
    }
}
