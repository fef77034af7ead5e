using SelfInstruct.Generate.Prompts;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Generate.Prompts;

public sealed class AlpacaPromptTests
{
    private static readonly SeedTask[] _seeds = Enumerable.Range(0, 10)
        .Select(i => new SeedTask($"seed_task_{i}", $"task_{i}", $"Seed instruction {i}.",
            [new TaskInstance(i % 2 == 0 ? "" : $"input {i}", $"output {i}")], false))
        .ToArray();

    [Fact]
    public void Samples_distinct_seed_tasks_the_same_way_for_the_same_seed()
    {
        var first = AlpacaPrompt.Sample(_seeds, 3, new Random(5));
        var again = AlpacaPrompt.Sample(_seeds, 3, new Random(5));

        Assert.Equal(first, again);
        Assert.Equal(3, first.Select(example => example.Instruction).Distinct().Count());
    }

    [Fact]
    public void Refuses_a_seed_pool_smaller_than_the_prompt_shows()
    {
        var error = Assert.Throws<ArgumentException>(() => AlpacaPrompt.Sample(_seeds[..2], 3, new Random(1)));

        Assert.Contains("shows 3 seed tasks, the seed pool has 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renders_the_examples_whole_and_ends_on_the_first_new_header()
    {
        var templates = await PromptTemplates.LoadAsync(null, CancellationToken.None);

        var prompt = AlpacaPrompt.Build(templates.AlpacaTasks, AlpacaPrompt.Sample(_seeds, 3, new Random(2)), 20);

        Approvals.Verify("AlpacaPrompt.txt", prompt);
        Assert.EndsWith("\n\nTask 4", prompt, StringComparison.Ordinal);
        Assert.Equal("Task 24", AlpacaPrompt.StopAfter(3, 20));
    }

    [Fact]
    public async Task A_response_to_the_prompt_reads_back_as_the_examples_it_shows()
    {
        var templates = await PromptTemplates.LoadAsync(null, CancellationToken.None);
        var examples = AlpacaPrompt.Sample(_seeds, 3, new Random(3));
        var prompt = AlpacaPrompt.Build(templates.AlpacaTasks, examples, 20);

        var parse = AlpacaResponseParser.Parse(prompt[prompt.IndexOf("Task 1\n", StringComparison.Ordinal)..],
            truncated: false);

        Assert.Equal(examples, parse.Tasks);
    }
}
