using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using SelfInstruct.Backends;
using SelfInstruct.Generate.Configuration;
using SelfInstruct.Generate.Pipeline;
using SelfInstruct.Generate.Prompts;
using SelfInstruct.Tests.Fakes;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Generate.Pipeline;

public sealed class GenerationPipelineTests
{
    private static readonly GenerationConfig _config = new()
    {
        NumInstructions = 30,
        RequestsPerBatch = 2,
        DatasetWriteIntervalSeconds = 0,
        Concurrency = 4,
        PriceInputPerMillion = 1,
        PriceOutputPerMillion = 2,
    };

    [Fact]
    public async Task Reaches_the_target_and_writes_every_accepted_task_to_the_dataset()
    {
        using var folder = new TemporaryFolder();
        var client = new FakeChatClient((prompt, _) => ScriptedModel.Answer(prompt));

        var result = await RunAsync(client, _config, folder.Path);

        Assert.Equal(StopReason.TargetReached, result.StopReason);
        Assert.Equal(30, result.Tasks.Count);
        Assert.Equal(30, result.Tasks.Select(task => task.Instruction).Distinct().Count());
        var dataset = await ParquetDatasetStore.ReadAsync(
            Path.Combine(folder.Path, GenerationPipeline.DatasetFileName), CancellationToken.None);
        Assert.Equal(60, dataset.Rows.Count);
        Assert.All(dataset.Rows, row => Assert.Equal(TaskOrigin.Machine, row.Origin));
        Assert.All(dataset.Rows, row => Assert.Equal("gpt-4o-mini", row.Model));
        Assert.Contains("instruction-generation@1", dataset.Metadata["selfinstruct.prompt_version"],
            StringComparison.Ordinal);
        Assert.Contains("\"num_instructions\": 30", dataset.Metadata["selfinstruct.generate.config"],
            StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder.Path, GenerationPipeline.ConfigFileName)));
    }

    [Fact]
    public async Task Journals_each_exchange_whole_and_which_requests_made_each_task()
    {
        using var folder = new TemporaryFolder();
        var client = new FakeChatClient((prompt, _) => ScriptedModel.Answer(prompt));

        var result = await RunAsync(client, _config with { NumInstructions = 5 }, folder.Path);

        var replies = File.ReadLines(Path.Combine(folder.Path, GenerationJournal.FileName))
            .Select(line => JsonNode.Parse(line)!["reply"])
            .OfType<JsonNode>()
            .ToDictionary(reply => reply["key"]!.GetValue<string>());
        Assert.All(result.Tasks, task =>
        {
            var exchanges = task.Requests!.Select(key => replies[key]).ToList();
            Assert.Equal(["Instructions", "Classification", "Instances"],
                exchanges.Select(exchange => exchange["step"]!.GetValue<string>()));
            Assert.Contains(task.Instruction, exchanges[0]["text"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.All(exchanges.Skip(1), exchange => Assert.Contains(
                task.Instruction, exchange["prompt"]!.GetValue<string>(), StringComparison.Ordinal));
            Assert.All(exchanges, exchange => Assert.Contains(
                exchange["prompt"]!.GetValue<string>(), client.Requests.Select(request => request.Prompt)));
        });
    }

    [Fact]
    public async Task Asks_classification_tasks_for_labels_first_and_keeps_the_similarity_columns()
    {
        using var folder = new TemporaryFolder();
        var client = new FakeChatClient((prompt, _) => ScriptedModel.Answer(prompt));

        var result = await RunAsync(client, _config, folder.Path);

        var classification = result.Tasks.First(task => task.IsClassification);
        Assert.StartsWith("Classify", classification.Instruction, StringComparison.Ordinal);
        Assert.Equal(["A", "B"], classification.Instances.Select(instance => instance.Output));
        var other = result.Tasks.First(task => !task.IsClassification);
        Assert.Equal(new TaskInstance("", "plain answer"), other.Instances[1]);
        Assert.All(result.Tasks, task => Assert.InRange(task.MaxSimilarity, 0, 0.7));
        Assert.All(result.Tasks, task => Assert.Equal(10, task.MostSimilar.Count));
        Assert.All(result.Tasks, task => Assert.True(task.SeedSimilarity <= task.MaxSimilarity));
    }

    [Fact]
    public async Task Sends_each_step_with_its_decoding_settings()
    {
        using var folder = new TemporaryFolder();
        var client = new FakeChatClient((prompt, _) => ScriptedModel.Answer(prompt));

        await RunAsync(client, _config with { NumInstructions = 3 }, folder.Path);

        var requests = client.Requests;
        var instruction = requests.First(request => request.Prompt.EndsWith("9.", StringComparison.Ordinal)).Options!;
        Assert.Equal((0.7f, 0.5f, 2f, 1024), (instruction.Temperature, instruction.TopP, instruction.PresencePenalty,
            instruction.MaxOutputTokens));
        Assert.Equal(["\n\n", "\n16", "16.", "16 ."], instruction.StopSequences!);
        var classification = requests.First(request => request.Prompt.EndsWith('?')).Options!;
        Assert.Equal((0f, 3), (classification.Temperature, classification.MaxOutputTokens));
        var instances = requests.Where(request => request.Prompt.EndsWith("Example 1", StringComparison.Ordinal))
            .Select(request => request.Options!).ToList();
        Assert.All(instances, options => Assert.Equal((0f, 1.5f), (options.Temperature, options.PresencePenalty)));
        Assert.Contains(instances, options => options.MaxOutputTokens is 300 or 350);
        Assert.All(instances, options => Assert.Equal(["Example 6", "Task:"], options.StopSequences!));
    }

    [Theory]
    [InlineData(ClassificationAnswer.Lenient, true)]
    [InlineData(ClassificationAnswer.Strict, false)]
    public async Task Reads_a_punctuated_yes_as_configured_and_counts_it(ClassificationAnswer reading, bool expected)
    {
        using var folder = new TemporaryFolder();
        var client = new FakeChatClient((prompt, _) => prompt.EndsWith("Is it classification?", StringComparison.Ordinal)
            ? FakeChatClient.Reply("Yes.")
            : ScriptedModel.Answer(prompt));

        var result = await RunAsync(
            client, _config with { NumInstructions = 6, ClassificationAnswer = reading }, folder.Path);

        Assert.Equal(6, result.Progress.Rejections["classification.lenient_yes"]);
        Assert.All(result.Tasks, task => Assert.Equal(expected, task.IsClassification));
        // Every group holds a classification task under the lenient reading, none under the strict one.
        var limits = client.Requests.Where(request => request.Prompt.EndsWith("Example 1", StringComparison.Ordinal))
            .Select(request => request.Options!.MaxOutputTokens).Distinct();
        Assert.Equal([expected ? 300 : 350], limits);
    }

    [Fact]
    public async Task Counts_garbled_truncated_and_failed_answers_by_reason_and_goes_on()
    {
        using var folder = new TemporaryFolder();
        var calls = 0;
        var client = new FakeChatClient((prompt, _) =>
        {
            var call = Interlocked.Increment(ref calls);
            if (prompt.EndsWith("9.", StringComparison.Ordinal))
            {
                return (call % 5) switch
                {
                    1 => FakeChatClient.Reply(ScriptedModel.InstructionList(prompt), ChatFinishReason.Length),
                    2 => FakeChatClient.Reply(""),
                    3 => throw new BackendException(BackendException.ServerError, "500 after retries", false),
                    _ => ScriptedModel.Answer(prompt),
                };
            }
            if (prompt.EndsWith("Is it classification?", StringComparison.Ordinal))
            {
                return FakeChatClient.Reply("Perhaps");
            }
            return call % 2 == 0 ? FakeChatClient.Reply("@@ garbage @@") : ScriptedModel.Answer(prompt);
        });

        var result = await RunAsync(client, _config with { NumInstructions = 20, Concurrency = 1 }, folder.Path);

        var rejections = result.Progress.Rejections;
        Assert.Equal(StopReason.TargetReached, result.StopReason);
        Assert.True(rejections["instructions.truncated_response"] > 0);
        Assert.True(rejections["instructions.empty_response"] > 0);
        Assert.True(rejections["instructions.server_error"] > 0);
        Assert.Equal(20, rejections["classification.unclear_classification_answer"]);
        Assert.True(rejections["instances.no_instances"] > 0);
        Assert.Equal(rejections["instances.no_instances"], rejections["instances.task_without_instances"]);
        Assert.All(result.Tasks, task => Assert.False(task.IsClassification));
    }

    [Fact]
    public async Task Stops_cleanly_when_the_request_budget_is_spent()
    {
        using var folder = new TemporaryFolder();
        var client = new FakeChatClient((prompt, _) => ScriptedModel.Answer(prompt));

        var result = await RunAsync(client, _config with { MaxRequests = 10, Concurrency = 1 }, folder.Path);

        Assert.Equal(StopReason.MaxRequests, result.StopReason);
        Assert.Equal(10, client.Requests.Count);
        Assert.Equal(10, result.Progress.TotalUsage.Requests);
        Assert.True(result.Progress.Rejections.Values.Sum() > 0);
        Assert.True(result.Progress.Cost > 0);
    }

    [Fact]
    public async Task Stops_when_no_batch_accepts_anything()
    {
        using var folder = new TemporaryFolder();
        var client = new FakeChatClient((_, _) => FakeChatClient.Reply("Hi."));

        var result = await RunAsync(client, _config with { MaxBatchesWithoutProgress = 3 }, folder.Path);

        Assert.Equal(StopReason.NoProgress, result.StopReason);
        Assert.Equal(6, result.Progress.Rejections["instructions.too_short"]);
    }

    [Fact]
    public async Task A_refused_key_ends_the_run_and_keeps_what_was_committed()
    {
        using var folder = new TemporaryFolder();
        var good = new FakeChatClient((prompt, _) => ScriptedModel.Answer(prompt));
        await RunAsync(good, _config with { NumInstructions = 5 }, folder.Path);
        var refused = new FakeChatClient((_, _) =>
            throw new BackendException(BackendException.Unauthorized, "401: the key was refused", true));

        var error = await Assert.ThrowsAsync<BackendException>(() => RunAsync(refused, _config, folder.Path));

        Assert.Equal(BackendException.Unauthorized, error.Reason);
        var dataset = await ParquetDatasetStore.ReadAsync(
            Path.Combine(folder.Path, GenerationPipeline.DatasetFileName), CancellationToken.None);
        Assert.Equal(5, dataset.Rows.Select(row => row.TaskId).Distinct().Count());
    }

    internal static async Task<GenerationResult> RunAsync(
        IChatClient client, GenerationConfig config, string folder, CancellationToken cancellationToken = default)
    {
        var seeds = await SeedTaskJsonl.ReadAsync(RepositoryRoot.PathTo("data/seed_tasks.jsonl"), cancellationToken);
        var templates = await PromptTemplates.LoadAsync(null, cancellationToken);
        var pipeline = new GenerationPipeline(client, config, templates, NullLogger<GenerationPipeline>.Instance);
        return await pipeline.RunAsync(seeds, folder, null, cancellationToken);
    }
}
