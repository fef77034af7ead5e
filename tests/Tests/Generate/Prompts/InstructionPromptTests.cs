using SelfInstruct.Generate.Prompts;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Generate.Prompts;

public sealed class InstructionPromptTests
{
    private static readonly string[] _seeds = Enumerable.Range(0, 20).Select(i => $"seed {i}").ToArray();

    [Fact]
    public void Takes_no_machine_instruction_while_the_machine_pool_is_empty()
    {
        var picked = InstructionPrompt.Sample(_seeds, [], 8, 2, new Random(1));

        Assert.Equal(8, picked.Count);
        Assert.All(picked, instruction => Assert.StartsWith("seed", instruction, StringComparison.Ordinal));
        Assert.Equal(8, picked.Distinct().Count());
    }

    [Fact]
    public void Takes_one_machine_instruction_while_the_machine_pool_holds_one()
    {
        var picked = InstructionPrompt.Sample(_seeds, ["machine 0"], 8, 2, new Random(1));

        Assert.Equal(1, picked.Count(instruction => instruction.StartsWith("machine", StringComparison.Ordinal)));
        Assert.Equal(8, picked.Count);
    }

    [Fact]
    public void Takes_two_machine_instructions_and_six_seeds_from_a_larger_machine_pool()
    {
        string[] machine = ["machine 0", "machine 1", "machine 2", "machine 3"];

        var picked = InstructionPrompt.Sample(_seeds, machine, 8, 2, new Random(7));

        Assert.Equal(2, picked.Count(instruction => instruction.StartsWith("machine", StringComparison.Ordinal)));
        Assert.Equal(6, picked.Count(instruction => instruction.StartsWith("seed", StringComparison.Ordinal)));
        Assert.Equal(8, picked.Distinct().Count());
    }

    [Fact]
    public void The_same_seed_samples_the_same_prompt_and_another_seed_a_different_one()
    {
        string[] machine = ["machine 0", "machine 1", "machine 2"];

        var first = InstructionPrompt.Sample(_seeds, machine, 8, 2, new Random(3));
        var again = InstructionPrompt.Sample(_seeds, machine, 8, 2, new Random(3));
        var other = InstructionPrompt.Sample(_seeds, machine, 8, 2, new Random(4));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Refuses_a_seed_pool_smaller_than_the_prompt_needs()
    {
        var error = Assert.Throws<ArgumentException>(
            () => InstructionPrompt.Sample(["a", "b"], [], 8, 2, new Random(1)));

        Assert.StartsWith("a prompt needs 8 seed instructions, the seed pool has 2", error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renders_a_numbered_list_ending_with_the_next_open_number()
    {
        var templates = await PromptTemplates.LoadAsync(null, CancellationToken.None);
        string[] instructions =
        [
            "Give three tips for   sleeping well.", "List the planets of the solar system:", "Translate to French.",
            "Write a haiku\nabout autumn.", "Explain what a mortgage is.", "Sort the numbers.",
            "Name a famous painter.", "Summarize the article below.",
        ];

        var prompt = InstructionPrompt.Build(templates.InstructionGeneration, instructions);

        Approvals.Verify("InstructionPrompt.txt", prompt);
    }
}
