using SelfInstruct.Generate.Prompts;
using Xunit;

namespace SelfInstruct.Tests.Generate.Prompts;

public sealed class ClassificationPromptTests
{
    [Theory]
    [InlineData(" Yes", true, null)]
    [InlineData("yes.", true, null)]
    [InlineData("YES, it is", true, null)]
    [InlineData(" No", false, null)]
    [InlineData("no\n", false, null)]
    [InlineData("Nope", false, ClassificationPrompt.UnclearAnswer)]
    [InlineData("Maybe", false, ClassificationPrompt.UnclearAnswer)]
    [InlineData("", false, ClassificationPrompt.UnclearAnswer)]
    [InlineData(null, false, ClassificationPrompt.UnclearAnswer)]
    [InlineData("Ye", false, ClassificationPrompt.UnclearAnswer)]
    public void Reads_yes_and_no_and_names_anything_else(string? text, bool expected, string? failure)
    {
        var (isClassification, reason) = ClassificationPrompt.Parse(text);

        Assert.Equal(expected, isClassification);
        Assert.Equal(failure, reason);
    }

    [Fact]
    public async Task Ends_the_prompt_with_the_instruction_and_the_question()
    {
        var templates = await PromptTemplates.LoadAsync(null, CancellationToken.None);

        var prompt = ClassificationPrompt.Build(templates.ClassificationIdentification, "  Is the sky green?\n");

        Assert.EndsWith("\n\nTask: Is the sky green?\nIs it classification?", prompt, StringComparison.Ordinal);
    }
}
