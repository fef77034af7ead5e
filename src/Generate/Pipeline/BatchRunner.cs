using Microsoft.Extensions.AI;

namespace SelfInstruct.Generate.Pipeline;

/// <summary>
/// One batch of the four steps: instruction generation requests, the bootstrap filter over their candidates in
/// order, classification identification and instance generation for each accepted instruction, instance filters.
/// Replies are processed in request order, so a batch's outcome depends only on the state it starts from, its
/// number and the replies, whatever order they arrive in.
/// </summary>
/// <remarks>
/// An accepted task whose classification or instance request got no answer (it failed after its attempts, or a
/// budget kept it from being sent) is pending: each later batch asks again, and a batch run once the target is
/// reached asks for nothing else, so no accepted instruction loses its instances to a transport fault.
/// </remarks>
internal sealed class BatchRunner(
    GenerationConfig config, PromptTemplates templates, RunState state, ModelRequests requests)
{
    /// <summary>An accepted task whose instances all failed to parse or were filtered out.</summary>
    public const string NoValidInstances = "task_without_instances";

    /// <summary>An accepted task still pending: a request it needs got no answer yet.</summary>
    public const string FailedAfterRetries = "failed_after_retries";

    // Pending tasks take sample seeds of their own, apart from the batch's new tasks.
    private const int PendingPositions = 1_000_000;

    public async Task<BatchRecord> RunAsync(int index, GenerationCounts counts, CancellationToken token)
    {
        // One seeded Random per batch: a resumed run samples the same prompts for the same batch.
        var random = new Random(unchecked((config.Seed * 1_000_003) + index));
        var size = config.BatchApi ? config.RoundSize : config.RequestsPerBatch;
        var prompts = Enumerable.Range(0, state.Tasks.Count >= config.NumInstructions ? 0 : size)
            .Select(_ => InstructionPrompt.Build(templates.InstructionGeneration, InstructionPrompt.Sample(
                state.SeedInstructions, state.MachineInstructions, config.PromptInstructions,
                config.MachineInstructionsPerPrompt, random)))
            .ToList();
        var pending = CompleteAsync(index, PendingPositions, state.Pending, counts, token);
        var replies = await requests.AllAsync(prompts.Select(
            prompt => requests.SendAsync(GenerationStep.Instructions, prompt, InstructionOptions(), counts, token)),
            token);
        var accepted = FilterInstructions(replies, counts).Select((candidate, position) => new GeneratedTask(
                $"machine_task_{state.Tasks.Count + position}",
                candidate.Instruction,
                false,
                [],
                candidate.Similarity.MaxScore,
                candidate.Similarity.MostSimilar,
                candidate.Similarity.MeanScore,
                state.SeedPool.Score(candidate.Instruction, mostSimilarCount: 0).MaxScore,
                GenerationStep.Classification,
                [candidate.Request]))
            .ToList();
        var tasks = await CompleteAsync(index, 0, accepted, counts, token);
        var resolved = await pending;
        // Read after every request of the batch has finished, the pending ones included.
        return new BatchRecord(index, tasks, counts.Rejections, counts.Usage, resolved,
            RejectedSamples: counts.RejectedSamples);
    }

    // Steps 2 and 3 for tasks that still need them; a task whose request got no answer stays pending at that step.
    private async Task<IReadOnlyList<GeneratedTask>> CompleteAsync(int index, int firstPosition,
        IReadOnlyList<GeneratedTask> tasks, GenerationCounts counts, CancellationToken token)
    {
        var classes = await requests.AllAsync(tasks.Select(task => task.PendingStep == GenerationStep.Classification
            ? ClassifyAsync(task.Instruction, counts, token)
            : Task.FromResult(new Answered<bool?>(task.IsClassification, null))), token);
        var maxTokens = InstanceTokenBudget.PerTask(classes.Select(known => known.Value == true).ToList(), config);
        var instances = await requests.AllAsync(tasks.Select((task, position) =>
            classes[position].Value is { } isClassification
                ? InstancesAsync(task.Instruction, isClassification, maxTokens[position],
                    SampleRandom(index, firstPosition + position), counts, token)
                : Task.FromResult(new Answered<IReadOnlyList<TaskInstance>?>(null, null))), token);
        return tasks.Select((task, position) => task with
        {
            IsClassification = classes[position].Value == true,
            Instances = instances[position].Value ?? [],
            PendingStep = classes[position].Value is null ? GenerationStep.Classification
                : instances[position].Value is null ? GenerationStep.Instances
                : null,
            Requests = [.. task.Requests ?? [], .. new[] { classes[position].Key, instances[position].Key }.OfType<string>()],
        }).ToList();
    }

    private List<(string Instruction, SimilarityResult Similarity, string Request)> FilterInstructions(
        IEnumerable<ModelReply?> replies, GenerationCounts counts)
    {
        var accepted = new List<(string, SimilarityResult, string)>();
        foreach (var reply in replies.OfType<ModelReply>())
        {
            var parse = InstructionResponseParser.Parse(reply.Text, reply.Truncated);
            if (parse.Failure is { } failure)
            {
                counts.Reject(GenerationStep.Instructions, failure, reply.Text);
            }
            foreach (var candidate in parse.Instructions)
            {
                if (state.Tasks.Count + accepted.Count >= config.NumInstructions)
                {
                    return accepted;
                }
                var decision = state.Filter.Consider(candidate);
                if (decision.Rejection is { } rejection)
                {
                    counts.Reject(GenerationStep.Instructions, rejection, candidate);
                }
                else
                {
                    accepted.Add((candidate, decision.Similarity!, reply.Key));
                }
            }
        }
        return accepted;
    }

    private async Task<Answered<bool?>> ClassifyAsync(
        string instruction, GenerationCounts counts, CancellationToken token)
    {
        var prompt = ClassificationPrompt.Build(templates.ClassificationIdentification, instruction);
        var options = new ChatOptions
        {
            Temperature = (float)config.ClassificationTemperature,
            MaxOutputTokens = config.ClassificationMaxTokens,
            StopSequences = [.. config.ClassificationStop],
        };
        var reply = await requests.SendAsync(GenerationStep.Classification, prompt, options, counts, token);
        if (reply is null)
        {
            return new(null, null);
        }
        var (isClassification, counted) = ClassificationPrompt.Parse(reply.Text, config.ClassificationAnswer);
        foreach (var reason in counted)
        {
            counts.Reject(GenerationStep.Classification, reason);
        }
        return new(isClassification, reply.Key);
    }

    // Its own seeded Random per task: instance requests run concurrently, and a resumed run samples the same.
    private Random SampleRandom(int batch, int position) =>
        new(unchecked((((config.Seed * 1_000_003) + batch) * 1_009) + position + 1));

    private async Task<Answered<IReadOnlyList<TaskInstance>?>> InstancesAsync(string instruction, bool isClassification,
        int maxTokens, Random sampleRandom, GenerationCounts counts, CancellationToken token)
    {
        var order = InstancePrompt.OrderFor(isClassification);
        var template = order == InstanceOrder.OutputFirst
            ? templates.InstancesOutputFirst
            : templates.InstancesInputFirst;
        var options = new ChatOptions
        {
            Temperature = (float)config.InstanceTemperature,
            PresencePenalty = (float)config.InstancePresencePenalty,
            MaxOutputTokens = maxTokens,
            StopSequences = [.. config.InstanceStop],
        };
        var reply = await requests.SendAsync(
            GenerationStep.Instances, InstancePrompt.Build(template, instruction), options, counts, token);
        if (reply is null)
        {
            return new(null, null);
        }
        var parse = InstancePrompt.Parse(reply.Text, order, reply.Truncated);
        foreach (var failure in parse.Failures)
        {
            counts.Reject(GenerationStep.Instances, failure);
        }
        var (kept, rejections) = InstanceFilter.Apply(parse.Instances, config.MaxInstancesPerTask, sampleRandom);
        foreach (var rejection in rejections)
        {
            counts.Reject(GenerationStep.Instances, rejection);
        }
        if (kept.Count == 0)
        {
            counts.Reject(GenerationStep.Instances, NoValidInstances, instruction);
        }
        return new(kept, reply.Key);
    }

    // A step's result for a task, with the journal key of the request that gave it (null without an answer).
    private sealed record Answered<T>(T Value, string? Key);

    private ChatOptions InstructionOptions() => new()
    {
        Temperature = (float)config.InstructionTemperature,
        TopP = (float)config.InstructionTopP,
        PresencePenalty = (float)config.InstructionPresencePenalty,
        MaxOutputTokens = config.InstructionMaxTokens,
        StopSequences = [.. config.InstructionStop],
    };
}
