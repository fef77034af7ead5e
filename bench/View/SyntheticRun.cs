using SelfInstruct.Generate.Pipeline;

namespace SelfInstruct.Bench.View;

/// <summary>
/// A generate folder of synthetic tasks: instructions, inputs and outputs of seed-like lengths drawn from a fixed
/// vocabulary, a quarter of them classification tasks, one to three instances each, written the way generate writes
/// them (the Parquet store, and the journal with a batch per thousand tasks, each after its replies: an instruction
/// request per three tasks and a classification and an instance request per task, prompts of the embedded templates'
/// lengths, so the journal is as large as a real run's).
/// </summary>
internal static class SyntheticRun
{
    private static readonly string[] _words =
    [
        "the", "a", "list", "write", "given", "sentence", "explain", "classify", "word", "number", "story", "review",
        "positive", "negative", "answer", "question", "summarize", "paragraph", "translate", "french", "find", "name",
        "three", "reasons", "why", "people", "city", "country", "describe", "recipe", "email", "friend", "code",
        "python", "function", "sort", "array", "movie", "book", "poem", "topic", "generate", "title", "article",
        "correct", "grammar", "identify", "emotion", "tweet", "product", "rewrite", "formal", "tone", "compare",
    ];

    /// <summary>Writes the folder; returns the number of dataset rows.</summary>
    public static async Task<int> WriteAsync(string folder, int taskCount)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(7);
        var tasks = Enumerable.Range(0, taskCount).Select(index => NewTask(random, index)).ToList();
        var rows = GenerationPipeline.ToRows(tasks, "bench-model", "bench");
        await ParquetDatasetStore.WriteAsync(Path.Combine(folder, GenerationPipeline.DatasetFileName), rows,
            new Dictionary<string, string>(), CancellationToken.None);
        var (journal, _) = await GenerationJournal.OpenAsync(folder, CancellationToken.None);
        await using (journal)
        {
            foreach (var (batch, index) in tasks.Chunk(1000).Select((batch, index) => (batch, index)))
            {
                // Appended together, as a run's concurrent requests are: one disk sync covers many.
                await Task.WhenAll(batch.SelectMany(task => Replies(random, task))
                    .Select(reply => journal.AppendAsync(reply, CancellationToken.None)));
                await journal.AppendAsync(new BatchRecord(index, batch,
                    new Dictionary<string, long> { ["instructions.too_similar"] = 800, ["instances.empty"] = 40 },
                    new Dictionary<GenerationStep, StepUsage>()), CancellationToken.None);
            }
        }
        return rows.Count;
    }

    private static GeneratedTask NewTask(Random random, int index)
    {
        var instances = Enumerable.Range(0, random.Next(1, 4))
            .Select(_ => new TaskInstance(random.Next(3) == 0 ? "" : Text(random, 5, 40), Text(random, 3, 60)))
            .ToList();
        var closest = 0.2 + 0.5 * random.NextDouble();
        var similar = Enumerable.Range(0, 10)
            .Select(rank => new SimilarityMatch(random.Next(index + 1), Text(random, 8, 20), closest - rank * 0.02))
            .ToList();
        return new GeneratedTask($"machine_task_{index}", Text(random, 8, 25), random.Next(4) == 0, instances,
            similar[0].Score, similar, 0.2, 0.3,
            Requests: [$"instructions-{index / 3}", $"classification-{index}", $"instances-{index}"]);
    }

    // The instruction request's reply once per three tasks (the first of them), then the task's two of its own.
    private static IEnumerable<ModelReply> Replies(Random random, GeneratedTask task)
    {
        var keys = task.Requests!;
        var index = int.Parse(task.Id["machine_task_".Length..], CultureInfo.InvariantCulture);
        if (index % 3 == 0)
        {
            yield return new ModelReply(keys[0], Text(random, 60, 90), false, 400, 90, GenerationStep.Instructions,
                Text(random, 180, 220));
        }
        yield return new ModelReply(keys[1], "Yes", false, 500, 1, GenerationStep.Classification,
            Text(random, 300, 340));
        yield return new ModelReply(keys[2], Text(random, 20, 80), false, 450, 60, GenerationStep.Instances,
            Text(random, 250, 290));
    }

    private static string Text(Random random, int minWords, int maxWords) =>
        string.Join(' ', Enumerable.Range(0, random.Next(minWords, maxWords + 1))
            .Select(_ => _words[random.Next(_words.Length)]));
}
