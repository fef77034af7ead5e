using Microsoft.Extensions.AI;
using SelfInstruct.Generate.Configuration;
using SelfInstruct.Generate.Filtering;
using SelfInstruct.Generate.Pipeline;
using SelfInstruct.Generate.Prompts;
using SelfInstruct.Tests.Fakes;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Generate.Pipeline;

public sealed class AlpacaStyleTests
{
    private static readonly GenerationConfig _config = new()
    {
        Style = GenerationStyle.Alpaca,
        NumInstructions = 40,
        RequestsPerBatch = 2,
        Concurrency = 2,
        DatasetWriteIntervalSeconds = 0,
    };

    [Fact]
    public async Task Asks_only_for_whole_tasks_and_puts_each_into_the_dataset_with_its_one_instance()
    {
        using var folder = new TemporaryFolder();
        var client = new FakeChatClient((prompt, _) => AlpacaScriptedModel.Answer(prompt));

        var result = await GenerationPipelineTests.RunAsync(client, _config, folder.Path);

        Assert.Equal(StopReason.TargetReached, result.StopReason);
        Assert.Equal(40, result.Tasks.Count);
        Assert.All(result.Tasks, task => Assert.Single(task.Instances));
        Assert.All(result.Tasks, task => Assert.False(task.IsClassification));
        Assert.All(client.Requests, request => Assert.EndsWith("\n\nTask 4", request.Prompt, StringComparison.Ordinal));
        Assert.All(client.Requests, request => Assert.Equal(["Task 24"], request.Options!.StopSequences));
        // 18 tasks from the first answer, 17 from the second (the repeat is too similar), 5 of the next two.
        Assert.Equal(4, client.Requests.Count);
        var dataset = await ParquetDatasetStore.ReadAsync(
            Path.Combine(folder.Path, GenerationPipeline.DatasetFileName), CancellationToken.None);
        Assert.Equal(40, dataset.Rows.Count);
        Assert.Equal("alpaca-tasks@1", dataset.Metadata["selfinstruct.prompt_version"]);
    }

    [Fact]
    public async Task Filters_whole_tasks_by_keyword_similarity_to_the_pool_and_their_instance()
    {
        using var folder = new TemporaryFolder();
        var client = new FakeChatClient((prompt, _) => AlpacaScriptedModel.Answer(prompt));

        var result = await GenerationPipelineTests.RunAsync(client, _config, folder.Path);

        var rejections = result.Progress.Rejections;
        Assert.Equal(3, rejections[$"instructions.{InstructionFilter.BlacklistedKeyword}"]);
        Assert.Equal(2, rejections[$"instructions.{BootstrapFilter.TooSimilar}"]);
        Assert.Equal(3, rejections[$"instances.{InstanceFilter.InputEqualsOutput}"]);
        Assert.Single(result.Tasks, task => task.Instruction == AlpacaScriptedModel.Repeated);
        Assert.DoesNotContain(result.Tasks, task => task.Instruction.Contains("video", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Journals_a_sample_of_the_candidates_rejected_for_each_reason()
    {
        using var folder = new TemporaryFolder();
        var client = new FakeChatClient((prompt, _) => AlpacaScriptedModel.Answer(prompt));

        await GenerationPipelineTests.RunAsync(client, _config, folder.Path);

        var samples = File.ReadLines(Path.Combine(folder.Path, GenerationJournal.FileName))
            .Select(line => JsonNode.Parse(line)!["batch"]?["rejected_samples"])
            .OfType<JsonObject>()
            .SelectMany(batch => batch)
            .GroupBy(pair => pair.Key, pair => pair.Value!.AsArray().Select(sample => sample!.GetValue<string>()))
            .ToDictionary(group => group.Key, group => group.SelectMany(batch => batch).ToList());
        Assert.Equal([AlpacaScriptedModel.Repeated, AlpacaScriptedModel.Repeated],
            samples[$"instructions.{BootstrapFilter.TooSimilar}"]);
        Assert.Equal(3, samples[$"instructions.{InstructionFilter.BlacklistedKeyword}"].Count);
        Assert.All(samples[$"instructions.{InstructionFilter.BlacklistedKeyword}"],
            sample => Assert.Contains("video", sample, StringComparison.Ordinal));
        Assert.Equal(3, samples[$"instances.{InstanceFilter.InputEqualsOutput}"].Count);
    }

    [Fact]
    public async Task Keeps_the_whole_tasks_of_a_cut_off_response_and_counts_its_last_one()
    {
        using var folder = new TemporaryFolder();
        var client = new FakeChatClient((prompt, _) =>
            FakeChatClient.Reply(AlpacaScriptedModel.Answer(prompt).Text, ChatFinishReason.Length));

        var result = await GenerationPipelineTests.RunAsync(
            client, _config with { NumInstructions = 16, RequestsPerBatch = 1 }, folder.Path);

        Assert.Equal(16, result.Tasks.Count);
        Assert.Equal(1, result.Progress.Rejections[$"instructions.{AlpacaResponseParser.CutOffTask}"]);
    }
}
