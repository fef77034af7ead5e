using Microsoft.Extensions.Logging.Abstractions;
using SelfInstruct.Generate;
using SelfInstruct.Generate.Configuration;
using SelfInstruct.Generate.Pipeline;
using SelfInstruct.Tests.Fakes;
using SelfInstruct.Tests.Generate.Pipeline;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Generate;

/// <summary>generate over several fake servers at once, one of them failing every request.</summary>
public sealed class ManyEndpointsTests
{
    [Fact]
    public async Task Completes_over_endpoints_with_one_failing_and_counts_what_each_endpoint_did()
    {
        using var folder = new TemporaryFolder();
        using var first = Scripted();
        using var failing = new FakeOpenAIServer(_ => FakeOpenAIServer.Error(500));
        using var second = Scripted();

        var result = await RunAsync(folder.Path, Endpoint(first), Endpoint(failing), Endpoint(second, weight: 2));

        Assert.Equal(StopReason.TargetReached, result.Statistics.StopReason);
        Assert.Equal(8, result.Statistics.Instructions);
        var (one, broken, two) = (result.Statistics.Endpoints[0], result.Statistics.Endpoints[1],
            result.Statistics.Endpoints[2]);
        Assert.Equal((first.Requests.Count, 0L), (one.Requests, one.Failures));
        Assert.Equal((second.Requests.Count, 0L), (two.Requests, two.Failures));
        Assert.Equal((failing.Requests.Count, failing.Requests.Count, 1),
            (broken.Requests, broken.Failures, broken.SetAside));
        Assert.InRange(broken.Requests, 3, 3 + 8);
        var answered = result.Statistics.Usage.Values.Sum(usage => usage.Requests);
        Assert.Equal(answered, one.Requests + two.Requests);
        var stats = await File.ReadAllTextAsync(result.StatisticsFile);
        Assert.Contains($"| {failing.BaseUrl.AbsoluteUri} | {broken.Requests} | {broken.Requests} | 1 |", stats,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_dataset_whatever_endpoints_answer()
    {
        using var folder = new TemporaryFolder();
        using var alone = Scripted();
        using var first = Scripted();
        using var failing = new FakeOpenAIServer(_ => FakeOpenAIServer.Error(500));
        using var second = Scripted();

        var one = await RunAsync(folder.File("one"), Endpoint(alone));
        var three = await RunAsync(folder.File("three"), Endpoint(failing), Endpoint(first, weight: 3),
            Endpoint(second, concurrency: 1));

        Assert.True(first.Requests.Count > 0 && second.Requests.Count > 0);
        Assert.Equal(await RowsAsync(one.DatasetFile), await RowsAsync(three.DatasetFile));
    }

    private static FakeOpenAIServer Scripted() => new(request => FakeOpenAIServer.Chat(
        ScriptedModel.Answer(request.Body["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>()).Text));

    private static GenerationEndpoint Endpoint(FakeOpenAIServer server, double weight = 1, int? concurrency = null) =>
        new() { BaseUrl = server.BaseUrl.ToString(), Weight = weight, Concurrency = concurrency };

    private static Task<GenerationRunResult> RunAsync(string output, params GenerationEndpoint[] endpoints) =>
        new GenerationRun(_ => null, NullLoggerFactory.Instance).RunAsync(new GenerationConfig
        {
            NumInstructions = 8,
            Concurrency = 4,
            MaxRetries = 0,
            Endpoints = endpoints,
            Model = "fake-model",
            Seeds = RepositoryRoot.PathTo(Path.Combine("data", "seed_tasks.jsonl")),
            Output = output,
        }, null, CancellationToken.None);

    private static async Task<List<string>> RowsAsync(string datasetFile)
    {
        var dataset = await ParquetDatasetStore.ReadAsync(datasetFile, CancellationToken.None);
        return dataset.Rows.Select(row => $"{row.TaskId} | {row.Instruction} | {row.Input} | {row.Output}").ToList();
    }
}
