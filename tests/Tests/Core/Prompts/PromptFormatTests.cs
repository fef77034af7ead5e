using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Core.Prompts;

public sealed class PromptFormatTests
{
    [Fact]
    public void Self_instruct_inference_prompt_is_the_first_template_with_trimmed_fields()
    {
        var format = PromptFormat.For(PromptFormatKind.SelfInstruct);

        var withInput = format.RenderPrompt("  Sort the list. ", "3, 1, 2\n");
        var withoutInput = format.RenderPrompt("Name a colour.", "   ");

        Assert.Equal("Sort the list.\nInput: 3, 1, 2\nOutput:", withInput);
        Assert.Equal("Name a colour.\nOutput:", withoutInput);
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
        foreach (var kind in Enum.GetValues<PromptFormatKind>())
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
    public async Task Format_file_round_trips_and_names_a_bad_value()
    {
        using var folder = new TemporaryFolder();

        var missing = PromptFormatFile.Read(folder.Path);
        await PromptFormatFile.WriteAsync(folder.Path, PromptFormatKind.Alpaca, CancellationToken.None);
        var read = PromptFormatFile.Read(folder.Path);
        await File.WriteAllTextAsync(folder.File(PromptFormatFile.FileName), "{\"format\": \"chatml\"}");
        var error = Assert.Throws<InvalidDataException>(() => PromptFormatFile.Read(folder.Path));

        Assert.Null(missing);
        Assert.Equal(PromptFormatKind.Alpaca, read);
        Assert.Contains("format: expected", error.Message);
        Assert.Contains("chatml", error.Message);
    }
}
