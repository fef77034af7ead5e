using Microsoft.Extensions.AI;

namespace SelfInstruct.Generate.Pipeline;

/// <summary>
/// One batch in the Alpaca style: requests that each ask for many whole tasks from a few sampled seed tasks, then,
/// task by task in request order, the instance filters on its one instance and the bootstrap filter (keywords,
/// ROUGE-L against the pool) on its instruction. A task that passes goes into the dataset as it is: no
/// classification step, no instance request, so nothing is ever pending.
/// </summary>
internal sealed class AlpacaBatchRunner(
    GenerationConfig config, PromptTemplate template, IReadOnlyList<SeedTask> seeds, RunState state,
    ModelRequests requests)
{
    public async Task<BatchRecord> RunAsync(int index, GenerationCounts counts, CancellationToken token)
    {
        // One seeded Random per batch, as the paper's style: a resumed run samples the same prompts.
        var random = new Random(unchecked((config.Seed * 1_000_003) + index));
        var prompts = Enumerable.Range(0, config.RequestsPerBatch)
            .Select(_ => AlpacaPrompt.Build(template, AlpacaPrompt.Sample(seeds, config.AlpacaSeedTasks, random),
                config.AlpacaTasksPerRequest))
            .ToList();
        var options = new ChatOptions
        {
            Temperature = (float)config.AlpacaTemperature,
            TopP = (float)config.AlpacaTopP,
            MaxOutputTokens = config.AlpacaMaxTokens,
            StopSequences = [AlpacaPrompt.StopAfter(config.AlpacaSeedTasks, config.AlpacaTasksPerRequest)],
        };
        var replies = await requests.AllAsync(prompts.Select(
            prompt => requests.SendAsync(GenerationStep.Instructions, prompt, options, counts, token)), token);
        return new BatchRecord(index, Accept(replies, counts, random), counts.Rejections, counts.Usage,
            RejectedSamples: counts.RejectedSamples);
    }

    private List<GeneratedTask> Accept(IEnumerable<ModelReply?> replies, GenerationCounts counts, Random random)
    {
        var accepted = new List<GeneratedTask>();
        foreach (var reply in replies.OfType<ModelReply>())
        {
            var parse = AlpacaResponseParser.Parse(reply.Text, reply.Truncated);
            foreach (var failure in parse.Failures)
            {
                counts.Reject(GenerationStep.Instructions, failure, reply.Text);
            }
            foreach (var task in parse.Tasks)
            {
                if (state.Tasks.Count + accepted.Count >= config.NumInstructions)
                {
                    return accepted;
                }
                if (Accept(task, reply.Key, state.Tasks.Count + accepted.Count, counts, random) is { } generated)
                {
                    accepted.Add(generated);
                }
            }
        }
        return accepted;
    }

    // The instance first: a task whose one instance fails is no task, and must not enter the pool.
    private GeneratedTask? Accept(
        AlpacaExample task, string request, int position, GenerationCounts counts, Random random)
    {
        var (kept, rejections) = InstanceFilter.Apply([new TaskInstance(task.Input, task.Output)], 1, random);
        foreach (var rejection in rejections)
        {
            counts.Reject(GenerationStep.Instances, rejection, task.Instruction);
        }
        if (kept.Count == 0)
        {
            return null;
        }
        var decision = state.Filter.Consider(task.Instruction);
        if (decision.Rejection is { } reason)
        {
            counts.Reject(GenerationStep.Instructions, reason, task.Instruction);
            return null;
        }
        var similarity = decision.Similarity!;
        return new GeneratedTask($"machine_task_{position}", task.Instruction, false, kept, similarity.MaxScore,
            similarity.MostSimilar, similarity.MeanScore,
            state.SeedPool.Score(task.Instruction, mostSimilarCount: 0).MaxScore, Requests: [request]);
    }
}
