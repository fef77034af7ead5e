using SelfInstruct.Generate.Prompts;
using Xunit;

namespace SelfInstruct.Tests.Generate.Prompts;

public sealed class AlpacaResponseParserTests
{
    [Fact]
    public void Reads_whole_tasks_after_the_open_header_and_under_later_headers()
    {
        var parse = AlpacaResponseParser.Parse(
            "Instruction: Name three primary colours.\nInput: <noinput>\nOutput: Red, yellow and blue.\n\n" +
            "Task 5\nInstruction: Fix the grammar.\nInput: He go home.\nOutput: He goes home.\n", truncated: false);

        Assert.Equal(
            [
                new AlpacaExample("Name three primary colours.", "", "Red, yellow and blue."),
                new AlpacaExample("Fix the grammar.", "He go home.", "He goes home."),
            ],
            parse.Tasks);
        Assert.Empty(parse.Failures);
    }

    [Fact]
    public void Reads_a_missing_input_as_an_empty_one()
    {
        var parse = AlpacaResponseParser.Parse(
            "Task 4\nInstruction: Tell a joke about owls.\nOutput: Why do owls never gossip? They only hoot.",
            truncated: false);

        Assert.Equal(new AlpacaExample("Tell a joke about owls.", "", "Why do owls never gossip? They only hoot."),
            Assert.Single(parse.Tasks));
    }

    [Fact]
    public void Drops_the_cut_off_last_task_of_a_response_that_hit_the_length_limit()
    {
        var parse = AlpacaResponseParser.Parse(
            "Instruction: Sort the list.\nInput: 3, 1, 2\nOutput: 1, 2, 3\n\nTask 5\nInstruction: Write a limerick" +
            " about\nInput: <noinput>\nOutput: There once", truncated: true);

        Assert.Equal("Sort the list.", Assert.Single(parse.Tasks).Instruction);
        Assert.Equal([AlpacaResponseParser.CutOffTask], parse.Failures);
    }

    [Fact]
    public void Counts_a_last_task_without_output_when_the_response_was_not_cut_off()
    {
        var parse = AlpacaResponseParser.Parse(
            "Instruction: Sort the list.\nInput: 3, 1, 2\nOutput: 1, 2, 3\nTask 5\nInstruction: Summarize this.\n" +
            "Input: A long story.", truncated: false);

        Assert.Single(parse.Tasks);
        Assert.Equal([AlpacaResponseParser.MissingOutput], parse.Failures);
    }

    [Fact]
    public void Takes_every_header_as_a_new_task_when_the_numbering_restarts_or_skips()
    {
        var parse = AlpacaResponseParser.Parse(
            "Task 4\nInstruction: A one.\nOutput: 1\nTask 9\nInstruction: A two.\nOutput: 2\n" +
            "Task 1\nInstruction: A three.\nOutput: 3\n## Task 2:\nInstruction: A four.\nOutput: 4", truncated: false);

        Assert.Equal(["A one.", "A two.", "A three.", "A four."], parse.Tasks.Select(task => task.Instruction));
    }

    [Fact]
    public void Starts_a_new_task_at_a_second_instruction_when_a_header_is_missing()
    {
        var parse = AlpacaResponseParser.Parse(
            "4. Instruction: First task here.\n4. Output: one\n5. Instruction: Second task here.\n5. Input: x\n" +
            "5. Output: two", truncated: false);

        Assert.Equal(
            [new AlpacaExample("First task here.", "", "one"), new AlpacaExample("Second task here.", "x", "two")],
            parse.Tasks);
    }

    [Fact]
    public void Keeps_a_multi_line_output_and_reads_bold_labels_and_separators()
    {
        var parse = AlpacaResponseParser.Parse(
            "**Instruction:** List two fruits.\n**Input:** <noinput>\n**Output:**\n- apple\n- pear\n###\n" +
            "Task 5: Instruction: Say hi.\nOutput: Hi.", truncated: false);

        Assert.Equal(
            [new AlpacaExample("List two fruits.", "", "- apple\n- pear"), new AlpacaExample("Say hi.", "", "Hi.")],
            parse.Tasks);
    }

    [Fact]
    public void Leaves_a_sentence_that_starts_with_task_and_a_number_inside_its_field()
    {
        var parse = AlpacaResponseParser.Parse(
            "Instruction: Explain the plan.\nOutput: Step one is easy.\nTask 2 is harder.", truncated: false);

        Assert.Equal("Step one is easy.\nTask 2 is harder.", Assert.Single(parse.Tasks).Output);
    }

    [Theory]
    [InlineData("", AlpacaResponseParser.EmptyResponse)]
    [InlineData("I cannot help with that.", AlpacaResponseParser.NoTasks)]
    [InlineData("Task 4\nInput: x\nOutput: y", AlpacaResponseParser.MissingInstruction)]
    public void Counts_a_response_without_tasks(string text, string reason)
    {
        var parse = AlpacaResponseParser.Parse(text, truncated: false);

        Assert.Empty(parse.Tasks);
        Assert.Equal([reason], parse.Failures);
    }
}
