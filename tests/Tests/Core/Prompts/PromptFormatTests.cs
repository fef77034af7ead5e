using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Core.Prompts;

public sealed class PromptFormatTests
{
    [Fact]
    public void Self_instruct_inference_prompt_is_a_fixed_training_template_with_trimmed_fields()
    {
        var format = PromptFormat.For(PromptFormatKind.SelfInstruct);

        var withInput = format.RenderPrompt("  Sort the list. ", "3, 1, 2\n");
        var withoutInput = format.RenderPrompt("Name a colour.", "   ");

        Assert.Equal("Sort the list.\nInput: 3, 1, 2\nOutput:", withInput);
        Assert.Equal("Name a colour.\nOutput:", withoutInput);
        Assert.Contains(format.InferenceWithoutInput, format.TemplatesWithoutInput);
    }

    [Fact]
    public void Self_instruct_draws_from_the_released_code_s_templates()
    {
        var format = PromptFormat.For(PromptFormatKind.SelfInstruct);

        Assert.Equal(
        [
            ("{instruction}\nInput: {input}\nOutput:", " {output}"),
            ("{instruction}\n\nInput: {input}\n\nOutput:", " {output}"),
            ("Task: {instruction}\nInput: {input}\nOutput:", " {output}"),
            ("{instruction}\n\n{input}\n\nOutput:", " {output}"),
            ("{instruction}\n\n{input}\n\n", "{output}"),
            ("{instruction}\n{input}\n\n", "{output}"),
            ("Task: {instruction}\n\n{input}\n\n", "{output}"),
        ], format.TemplatesWithInput.Select(template => (template.Prompt, template.Response)));
        Assert.Equal(
        [
            ("{instruction} Output:", " {output}"),
            ("{instruction}\nOutput:", " {output}"),
            ("{instruction}\n\nOutput:", " {output}"),
            ("{instruction}\n", "{output}"),
            ("{instruction}\n\n", "{output}"),
            ("Task: {instruction}\n\n", "{output}"),
        ], format.TemplatesWithoutInput.Select(template => (template.Prompt, template.Response)));
    }

    [Theory]
    [InlineData("Sentence: The cat sat.", "The cat sat.")]
    [InlineData("Sentence: a\n\nSentence: b", "a\nSentence: b")]
    [InlineData("Question: Why?\nContext: Because.", "Question: Why?\nContext: Because.")]
    [InlineData("Time: 10:30", "Time: 10:30")]
    [InlineData("It is 10:30", "30")]
    [InlineData("  first\n\nsecond\n\n\nthird ", "first\nsecond\n\nthird")]
    [InlineData("no field at all", "no field at all")]
    public void Field_name_stripping_follows_the_released_preprocessing(string input, string expected) =>
        Assert.Equal(expected, FieldNameStripping.Apply(input));

    [Fact]
    public void About_half_of_the_training_inputs_are_preprocessed()
    {
        var format = PromptFormat.For(PromptFormatKind.SelfInstruct);
        var random = new Random(11);

        var prompts = Enumerable.Range(0, 400)
            .Select(_ => format.RenderTraining("Do it.", "Sentence: x", "y", random).Prompt).ToList();

        var stripped = prompts.Count(prompt => !prompt.Contains("Sentence:", StringComparison.Ordinal));
        Assert.InRange(stripped, 160, 240);
        Assert.All(prompts, prompt => Assert.Contains("x", prompt));
    }

    [Fact]
    public void Alpaca_inputs_are_never_preprocessed()
    {
        var format = PromptFormat.For(PromptFormatKind.Alpaca);
        var random = new Random(11);

        var prompts = Enumerable.Range(0, 50)
            .Select(_ => format.RenderTraining("Do it.", "Sentence: x", "y", random).Prompt);

        Assert.All(prompts, prompt => Assert.Contains("### Input:\nSentence: x\n\n", prompt));
    }

    [Fact]
    public void Alpaca_training_example_puts_the_output_after_the_response_header()
    {
        var format = PromptFormat.For(PromptFormatKind.Alpaca);

        var example = format.RenderTraining("Sort the list.", "3, 1, 2", "1, 2, 3", random: null);

        Assert.EndsWith("### Instruction:\nSort the list.\n\n### Input:\n3, 1, 2\n\n### Response:\n", example.Prompt);
        Assert.StartsWith("Below is an instruction", example.Prompt);
        Assert.Equal("1, 2, 3", example.Response);
    }

    [Fact]
    public void Random_training_templates_cover_every_template_and_repeat_with_the_seed()
    {
        var format = PromptFormat.For(PromptFormatKind.SelfInstruct);

        var random = new Random(7);
        var prompts = Enumerable.Range(0, 200)
            .Select(_ => format.RenderTraining("Do it.", "x", "y", random).Prompt).ToList();
        var again = new Random(7);
        var repeated = Enumerable.Range(0, 200)
            .Select(_ => format.RenderTraining("Do it.", "x", "y", again).Prompt).ToList();

        Assert.Equal(format.TemplatesWithInput.Count, prompts.Distinct().Count());
        Assert.Equal(prompts, repeated);
    }

    [Fact]
    public void Every_template_keeps_instruction_input_and_output()
    {
        foreach (var kind in Enum.GetValues<PromptFormatKind>().Where(kind => kind != PromptFormatKind.Chat))
        {
            var format = PromptFormat.For(kind);
            foreach (var template in format.TemplatesWithInput)
            {
                var example = template.Render("INSTR", "INPUTTEXT", "OUT");
                Assert.Contains("INSTR", example.Prompt);
                Assert.Contains("INPUTTEXT", example.Prompt);
                Assert.Contains("OUT", example.Response);
            }
            foreach (var template in format.TemplatesWithoutInput)
            {
                Assert.DoesNotContain("{input}", template.Prompt);
            }
        }
    }

    [Fact]
    public void The_chat_format_asks_with_the_users_message_through_the_checkpoints_chat_format()
    {
        var format = PromptFormat.ForChat(ChatFormat.Of(null));

        Assert.Equal("User: Sort.\n\n3, 1\n\nAssistant:", format.RenderPrompt("Sort.", "3, 1"));
        Assert.Equal(" 1, 3", format.RenderTraining("Sort.", "3, 1", "1, 3", new Random(1)).Response);
        Assert.Throws<ArgumentOutOfRangeException>(() => PromptFormat.For(PromptFormatKind.Chat));
    }

    [Fact]
    public async Task Format_file_round_trips_and_names_a_bad_value()
    {
        using var folder = new TemporaryFolder();

        var missing = PromptFormatFile.Read(folder.Path);
        await PromptFormatFile.WriteAsync(folder.Path, PromptFormatKind.Alpaca, CancellationToken.None);
        var read = PromptFormatFile.Read(folder.Path);
        await PromptFormatFile.WriteAsync(folder.Path, PromptFormatKind.Chat, CancellationToken.None);
        var chat = PromptFormatFile.Read(folder.Path);
        await File.WriteAllTextAsync(folder.File(PromptFormatFile.FileName), "{\"format\": \"chatml\"}");
        var error = Assert.Throws<InvalidDataException>(() => PromptFormatFile.Read(folder.Path));

        Assert.Null(missing);
        Assert.Equal(PromptFormatKind.Alpaca, read);
        Assert.Equal(PromptFormatKind.Chat, chat);
        Assert.Contains("format: expected", error.Message);
        Assert.Contains("chatml", error.Message);
    }
}
