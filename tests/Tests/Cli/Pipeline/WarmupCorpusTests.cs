using SelfInstruct.Cli.Pipeline;
using SelfInstruct.Generate.Configuration;
using SelfInstruct.Generate.Prompts;
using Xunit;

namespace SelfInstruct.Tests.Cli.Pipeline;

public sealed class WarmupCorpusTests
{
    [Fact]
    public async Task Warmup_answers_are_what_the_generate_stage_parses_back()
    {
        var templates = await PromptTemplates.LoadAsync(null, CancellationToken.None);
        var seeds = Enumerable.Range(0, 12).Select(index => new SeedTask(
            $"seed_task_{index}", $"task_{index}", $"Do thing number {index} well.",
            [new TaskInstance(index % 2 == 0 ? "" : $"input {index}", $"label {index % 3}"),
                new TaskInstance($"second {index}", "label 0")],
            IsClassification: index % 3 == 0)).ToList();

        var corpus = WarmupCorpus.Build(seeds, templates, promptInstructions: 8, listExamples: 5, new Random(1));

        Assert.Equal(5 + (2 * seeds.Count), corpus.Count);
        var lists = corpus.Where(example => example.Prompt.EndsWith("9.", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, lists.Count);
        Assert.All(lists, example =>
        {
            Assert.Matches(@"^ [^\n]+\n10\. [^\n]+\n11\. [^\n]+\n\n$", example.Response);
        });
        var classification = corpus.Where(example => example.Prompt.Contains("Is it classification?")).ToList();
        Assert.Equal(seeds.Count(seed => seed.IsClassification),
            classification.Count(example => ClassificationPrompt.Parse(example.Response, ClassificationAnswer.Lenient).IsClassification));
        foreach (var seed in seeds)
        {
            var order = InstancePrompt.OrderFor(seed.IsClassification);
            var example = corpus.Single(example => example.Prompt.EndsWith(
                $"Task: {seed.Instruction}\nExample 1", StringComparison.Ordinal));
            var parsed = InstancePrompt.Parse(example.Response, order, truncated: false);
            Assert.Equal(seed.Instances, parsed.Instances);
        }
    }
}
