using SelfInstruct.Generate.Prompts;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Generate.Prompts;

public sealed class InstancePromptTests
{
    [Fact]
    public void Reads_input_first_examples_including_an_empty_input()
    {
        const string text = "\nInput: 3, 8, 1\nOutput: 8\nExample 2\nInput: 10, 2\nOutput: 10\n" +
            "Example 3\nInput:\nOutput: There is no list to look at.\n";

        var parse = InstancePrompt.Parse(text, InstanceOrder.InputFirst, truncated: false);

        Assert.Empty(parse.Failures);
        Assert.Equal(
            [new TaskInstance("3, 8, 1", "8"), new TaskInstance("10, 2", "10"),
                new TaskInstance("", "There is no list to look at.")],
            parse.Instances);
    }

    [Fact]
    public void Reads_a_multi_line_output_up_to_a_further_input_label()
    {
        const string text = "Example 1:\nInput: tea\nOutput: 1. Boil water.\n2. Steep.\nInput: stray";

        var parse = InstancePrompt.Parse(text, InstanceOrder.InputFirst, truncated: false);

        Assert.Equal([new TaskInstance("tea", "1. Boil water.\n2. Steep.")], parse.Instances);
    }

    [Fact]
    public void Reads_a_single_instance_without_example_headers()
    {
        var parse = InstancePrompt.Parse("Output: Dirt Under the Nails", InstanceOrder.InputFirst, false);

        Assert.Equal([new TaskInstance("", "Dirt Under the Nails")], parse.Instances);
    }

    [Fact]
    public void Reads_output_first_examples_label_then_input()
    {
        const string text = "\nClass label: Positive\nInput: Loved it.\nExample 2\nClass label: Negative\n" +
            "Input: Broke in a week.\nSecond line.\nExample 3\nClass label: Neutral";

        var parse = InstancePrompt.Parse(text, InstanceOrder.OutputFirst, truncated: false);

        Assert.Empty(parse.Failures);
        Assert.Equal(
            [new TaskInstance("Loved it.", "Positive"), new TaskInstance("Broke in a week.\nSecond line.", "Negative"),
                new TaskInstance("", "Neutral")],
            parse.Instances);
    }

    [Fact]
    public void Drops_the_last_instance_of_a_truncated_response()
    {
        const string text = "Input: a\nOutput: b\nExample 2\nInput: c\nOutput: d is cut of";

        var parse = InstancePrompt.Parse(text, InstanceOrder.InputFirst, truncated: true);

        Assert.Equal([new TaskInstance("a", "b")], parse.Instances);
        Assert.Equal([InstancePrompt.TruncatedInstance], parse.Failures);
    }

    [Theory]
    [InlineData("", InstanceOrder.InputFirst, InstancePrompt.EmptyResponse)]
    [InlineData(null, InstanceOrder.OutputFirst, InstancePrompt.EmptyResponse)]
    [InlineData("I cannot help with that.", InstanceOrder.InputFirst, InstancePrompt.NoInstances)]
    [InlineData("Input: x\nOutput: y", InstanceOrder.OutputFirst, InstancePrompt.NoInstances)]
    [InlineData("%%%%\u0000garbage", InstanceOrder.OutputFirst, InstancePrompt.NoInstances)]
    public void Names_why_a_response_yields_no_instances(string? text, InstanceOrder order, string reason)
    {
        var parse = InstancePrompt.Parse(text, order, truncated: false);

        Assert.Empty(parse.Instances);
        Assert.Equal([reason], parse.Failures);
    }

    [Fact]
    public void Chooses_output_first_for_classification_tasks()
    {
        Assert.Equal(InstanceOrder.OutputFirst, InstancePrompt.OrderFor(isClassification: true));
        Assert.Equal(InstanceOrder.InputFirst, InstancePrompt.OrderFor(isClassification: false));
    }

    [Fact]
    public async Task Renders_both_orders_ending_with_the_task_and_its_first_example_header()
    {
        var templates = await PromptTemplates.LoadAsync(null, CancellationToken.None);

        var inputFirst = InstancePrompt.Build(templates.InstancesInputFirst, "Reverse the word.");
        var outputFirst = InstancePrompt.Build(templates.InstancesOutputFirst, "Is the word a noun?");

        Assert.EndsWith("\n\nTask: Reverse the word.\nExample 1", inputFirst, StringComparison.Ordinal);
        Approvals.Verify("InstancesOutputFirstPrompt.txt", outputFirst);
    }
}
