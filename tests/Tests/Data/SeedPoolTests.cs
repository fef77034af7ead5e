using SelfInstruct.Generate.Filtering;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Data;

/// <summary>Our own seed pool, data/seed_tasks.jsonl, has the properties the generation step relies on.</summary>
public sealed class SeedPoolTests
{
    private static readonly Lazy<IReadOnlyList<SeedTask>> _seeds = new(() =>
        SeedTaskJsonl.ReadAsync(RepositoryRoot.PathTo("data/seed_tasks.jsonl"), CancellationToken.None).Result);

    [Fact]
    public void Holds_175_tasks_with_ordered_ids_and_at_least_one_instance_each()
    {
        var seeds = _seeds.Value;

        Assert.Equal(Enumerable.Range(0, 175).Select(index => $"seed_task_{index}"), seeds.Select(task => task.Id));
        Assert.All(seeds, task => Assert.NotEmpty(task.Instances));
        Assert.Equal(175, seeds.Select(task => task.Name).Distinct().Count());
    }

    [Fact]
    public void Is_diverse_in_leading_verbs()
    {
        var leadingWords = _seeds.Value.Select(task => task.Instruction.Split(' ')[0].ToLowerInvariant()).ToList();

        Assert.True(leadingWords.Distinct().Count() >= 40, $"{leadingWords.Distinct().Count()} distinct leading words");
    }

    [Fact]
    public void Has_about_25_classification_tasks_whose_outputs_are_labels_the_instruction_states()
    {
        var classification = _seeds.Value.Where(task => task.IsClassification).ToList();

        Assert.InRange(classification.Count, 20, 30);
        Assert.All(classification, task => Assert.All(task.Instances, instance => Assert.Contains(
            instance.Output.Trim().TrimEnd('.'), task.Instruction, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void Has_about_50_tasks_without_input()
    {
        var withoutInput = _seeds.Value.Count(task => task.Instances.All(instance => instance.Input.Length == 0));

        Assert.InRange(withoutInput, 45, 55);
    }

    [Fact]
    public void Passes_every_generation_heuristic()
    {
        var filter = new InstructionFilter();

        var rejected = _seeds.Value
            .Select(task => (task.Id, Rejection: filter.Rejection(task.Instruction)))
            .Where(pair => pair.Rejection is not null)
            .ToList();

        Assert.Empty(rejected);
    }

    [Fact]
    public void Has_no_two_instructions_with_rouge_l_above_0_7()
    {
        var pool = new SimilarityPool();

        var tooSimilar = new List<string>();
        foreach (var task in _seeds.Value)
        {
            if (pool.Score(task.Instruction, mostSimilarCount: 0).MaxScore > 0.7)
            {
                tooSimilar.Add(task.Id);
            }
            pool.Add(task.Instruction);
        }

        Assert.Empty(tooSimilar);
    }

    [SharedDataFact]
    public async Task Copies_no_instruction_of_the_original_seeds_or_the_user_oriented_evaluation_set()
    {
        var pool = new SimilarityPool();
        foreach (var file in new[] { "seed_tasks.jsonl", "user_oriented_instructions.jsonl" })
        {
            var lines = await File.ReadAllLinesAsync(SharedData.PathTo($"data/self-instruct/{file}"));
            pool.AddRange(lines.Select(line =>
                System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("instruction").GetString()!));
        }

        var copied = _seeds.Value
            .Where(task => pool.Score(task.Instruction, mostSimilarCount: 0).MaxScore > 0.7)
            .Select(task => task.Id);

        Assert.Empty(copied);
    }
}
