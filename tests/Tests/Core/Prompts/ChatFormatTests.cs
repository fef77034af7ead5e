using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Core.Prompts;

public sealed class ChatFormatTests
{
    private static readonly ChatFormat _zephyr =
        ChatFormat.Of(ChatTemplate.Parse(TemplatedCheckpoint.Template, "zephyr", "<s>", "</s>"));

    [Fact]
    public void Splits_a_training_conversation_where_the_assistant_turn_begins()
    {
        var example = _zephyr.TrainingExample("Sort the list.", "3, 1, 2", "1, 2, 3");

        Assert.Equal("<|user|>\nSort the list.\n\n3, 1, 2</s>\n<|assistant|>\n", example.Prompt);
        Assert.Equal("1, 2, 3</s>\n", example.Response);
        Assert.False(example.EndOfTextFollows);
    }

    [Fact]
    public void Trains_on_the_transcript_without_a_template_with_the_end_of_text_after()
    {
        var transcript = ChatFormat.Of(null);

        var example = transcript.TrainingExample("Name a colour.", "  ", "Blue.");

        Assert.Equal(("User: Name a colour.\n\nAssistant:", " Blue.", true),
            (example.Prompt, example.Response, example.EndOfTextFollows));
        Assert.Equal([ChatTranscript.TurnStop], transcript.TurnStops);
        Assert.Contains("plain transcript", transcript.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Stops_a_turn_at_the_end_of_turn_of_its_template()
    {
        Assert.Equal(["</s>"], _zephyr.TurnStops);
        Assert.Contains("zephyr", _zephyr.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_to_train_through_a_template_whose_conversation_does_not_begin_with_its_prompt()
    {
        var thinking = ChatFormat.Of(ChatTemplate.Parse(
            "{% for m in messages %}[{{ m.role }}] {{ m.content }}\n{% endfor %}" +
            "{% if add_generation_prompt %}[assistant] <think>{% endif %}", "thinking.jinja", null, null));

        var error = Assert.Throws<InvalidDataException>(() => thinking.TrainingExample("Do it.", "", "Done."));

        Assert.StartsWith("thinking.jinja: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_the_input_after_the_instruction_in_the_users_message()
    {
        Assert.Equal("Sort the list.\n\n3, 1, 2", ChatFormat.UserMessage(" Sort the list. ", "3, 1, 2\n"));
        Assert.Equal("Name a colour.", ChatFormat.UserMessage("Name a colour.", ""));
    }
}
