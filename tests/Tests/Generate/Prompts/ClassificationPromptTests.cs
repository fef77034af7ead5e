using SelfInstruct.Generate.Configuration;
using SelfInstruct.Generate.Prompts;
using Xunit;

namespace SelfInstruct.Tests.Generate.Prompts;

public sealed class ClassificationPromptTests
{
    [Theory]
    [InlineData(" Yes", true, true)]
    [InlineData("yes\n", true, true)]
    [InlineData("YES", true, true)]
    [InlineData("yes.", true, false)]
    [InlineData("YES, it is", true, false)]
    [InlineData("yEs", true, false)]
    [InlineData(" No", false, false)]
    [InlineData("no\n", false, false)]
    public void Reads_yes_leniently_or_as_the_released_code(string text, bool lenient, bool strict)
    {
        var (lenientReading, lenientCounted) = ClassificationPrompt.Parse(text, ClassificationAnswer.Lenient);
        var (strictReading, strictCounted) = ClassificationPrompt.Parse(text, ClassificationAnswer.Strict);

        Assert.Equal(lenient, lenientReading);
        Assert.Equal(strict, strictReading);
        string[] expected = lenient && !strict ? [ClassificationPrompt.LenientYes] : [];
        Assert.Equal(expected, lenientCounted);
        Assert.Equal(expected, strictCounted);
    }

    [Theory]
    [InlineData("Nope")]
    [InlineData("Maybe")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("Ye")]
    public void Names_an_answer_that_is_neither_yes_nor_no(string? text)
    {
        var (isClassification, counted) = ClassificationPrompt.Parse(text, ClassificationAnswer.Lenient);

        Assert.False(isClassification);
        Assert.Equal([ClassificationPrompt.UnclearAnswer], counted);
    }

    [Fact]
    public async Task Ends_the_prompt_with_the_instruction_and_the_question()
    {
        var templates = await PromptTemplates.LoadAsync(null, CancellationToken.None);

        var prompt = ClassificationPrompt.Build(templates.ClassificationIdentification, "  Is the sky green?\n");

        Assert.EndsWith("\n\nTask: Is the sky green?\nIs it classification?", prompt, StringComparison.Ordinal);
    }
}
