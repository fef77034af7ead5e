using System.Security.Cryptography;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using SelfInstruct.Generate.Configuration;
using SelfInstruct.Generate.Pipeline;
using SelfInstruct.Generate.Prompts;
using SelfInstruct.Tests.Fakes;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Data;

/// <summary>
/// generate in Russian end to end: the example's seeds, templates and blacklist in unicode text mode, against an
/// in-process model that writes Russian instructions and instances.
/// </summary>
public sealed class RussianGenerationTests
{
    private const string Folder = "data/examples/ru";
    private const string Letters = "абвгдежзиклмнопрстуфхцчшэюя";
    private static readonly string[] _verbs = ["Опишите", "Объясните", "Определите", "Сравните", "Перечислите"];

    [Fact]
    public async Task Completes_with_russian_seeds_templates_and_the_unicode_filters()
    {
        using var folder = new TemporaryFolder();
        var config = new GenerationConfig
        {
            NumInstructions = 10,
            RequestsPerBatch = 2,
            DatasetWriteIntervalSeconds = 0,
            TextMode = TextMode.Unicode,
            Blacklist = RepositoryRoot.PathTo($"{Folder}/blacklist.txt"),
        };
        var seeds = await SeedTaskJsonl.ReadAsync(RepositoryRoot.PathTo($"{Folder}/seed_tasks.jsonl"),
            CancellationToken.None);
        var templates = await PromptTemplates.LoadAsync(RepositoryRoot.PathTo($"{Folder}/templates"),
            CancellationToken.None);
        var client = new FakeChatClient((prompt, _) => Answer(prompt));
        var pipeline = new GenerationPipeline(client, config, templates, NullLogger<GenerationPipeline>.Instance);

        var result = await pipeline.RunAsync(seeds, folder.Path, null, CancellationToken.None);

        Assert.Equal(StopReason.TargetReached, result.StopReason);
        Assert.Equal(10, result.Tasks.Count);
        Assert.All(result.Tasks, task => Assert.Contains(task.Instruction[0], "ОПСЭ"));
        Assert.All(result.Tasks, task => Assert.NotEmpty(task.Instances));
        Assert.Equal(result.Tasks.Where(task => task.Instruction.StartsWith("Определите", StringComparison.Ordinal)),
            result.Tasks.Where(task => task.IsClassification));
        // Cyrillic tokens are scored (English mode would give every pair 0): later tasks share words with earlier ones.
        Assert.All(result.Tasks, task => Assert.InRange(task.MaxSimilarity, 0, 0.7));
        Assert.Contains(result.Tasks, task => task.MaxSimilarity > 0.1);
        // The first item of every list repeats the prompt's first instruction, so the pool rejects it.
        Assert.True(result.Progress.Rejections.GetValueOrDefault("instructions.too_similar") > 0);
        Assert.True(result.Progress.Rejections.GetValueOrDefault("instructions.blacklisted_keyword") > 0);
    }

    // Instruction lists: an exact repeat of the prompt's first instruction (too similar), one with a blacklisted word
    // ("изображение", an image), and three new ones made of Cyrillic words picked by a hash of the prompt.
    private static ChatResponse Answer(string prompt)
    {
        if (prompt.EndsWith("Is it classification?", StringComparison.Ordinal))
        {
            return FakeChatClient.Reply(TaskOf(prompt).StartsWith("Определите", StringComparison.Ordinal)
                ? " Yes"
                : " No");
        }
        if (prompt.EndsWith("Example 1", StringComparison.Ordinal))
        {
            var task = TaskOf(prompt);
            return FakeChatClient.Reply(prompt.Contains("Class label:", StringComparison.Ordinal)
                ? $"\nClass label: да\nInput: первый пример для «{task}»\nExample 2\nClass label: нет\n" +
                    $"Input: второй пример для «{task}»"
                : $"\nInput: вход для «{task}»\nOutput: ответ для «{task}»\n");
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(prompt));
        var fresh = Enumerable.Range(0, 3).Select(item =>
        {
            var words = Enumerable.Range(1, 6).Select(word => Word(hash, (item * 7) + word));
            return $"{_verbs[hash[item * 7] % _verbs.Length]} {string.Join(' ', words)}.";
        });
        var firstSeed = prompt.Split('\n').First(line => line.StartsWith("1. ", StringComparison.Ordinal))[3..];
        string[] items = [firstSeed, "Нарисуйте изображение кошки на окне.", .. fresh];
        return FakeChatClient.Reply(" " + string.Join("\n", items.Select((item, index) =>
            index == 0 ? item : $"{index + 9}. {item}")));
    }

    private static string Word(byte[] hash, int at) => new(Enumerable.Range(0, 5)
        .Select(letter => Letters[(hash[at % hash.Length] + (letter * 7) + at) % Letters.Length]).ToArray());

    private static string TaskOf(string prompt)
    {
        var start = prompt.LastIndexOf("Task: ", StringComparison.Ordinal) + "Task: ".Length;
        return prompt[start..].Split('\n')[0];
    }
}
