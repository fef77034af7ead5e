using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using SelfInstruct.Backends;
using SelfInstruct.Generate.Configuration;
using SelfInstruct.Generate.Pipeline;
using SelfInstruct.Tests.Fakes;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Generate.Pipeline;

public sealed class ModelRequestsTests
{
    private static readonly ChatOptions _options = new() { MaxOutputTokens = 16 };

    [Fact]
    public async Task Counts_every_request_and_token_exactly_when_requests_run_in_parallel()
    {
        using var folder = new TemporaryFolder();
        var client = new FakeChatClient(async (_, _, _) =>
        {
            await Task.Yield();
            return FakeChatClient.Reply("ok", input: 7, output: 3);
        });
        var committed = new Dictionary<GenerationStep, StepUsage> { [GenerationStep.Instances] = new(5, 50, 10) };
        await using var journal = await OpenJournalAsync(folder);
        using var requests = Requests(client, journal, committed, new GenerationConfig { Concurrency = 8 });

        await Task.WhenAll(Enumerable.Range(0, 300).Select(index => requests.SendAsync(
            index % 3 == 0 ? GenerationStep.Classification : GenerationStep.Instructions, $"prompt {index}", _options,
            new GenerationCounts(), CancellationToken.None)));

        var (total, inFlight) = requests.Usage.Current;
        Assert.Equal(new StepUsage(305, 2150, 910), total);
        Assert.Equal(0, inFlight);
        Assert.Equal(new StepUsage(200, 1400, 600), requests.Usage.ByStep[GenerationStep.Instructions]);
        Assert.Equal(new StepUsage(100, 700, 300), requests.Usage.ByStep[GenerationStep.Classification]);
        Assert.Equal(new StepUsage(5, 50, 10), requests.Usage.ByStep[GenerationStep.Instances]);
    }

    [Fact]
    public async Task Counts_the_retries_behind_answered_and_failed_requests_by_fault()
    {
        using var folder = new TemporaryFolder();
        var retried = new TransportAttempts(3, [BackendException.Timeout, BackendException.ServerError],
            TimeSpan.FromSeconds(1.5));
        var client = new FakeChatClient((prompt, _) =>
        {
            if (prompt == "lost")
            {
                throw new BackendException(BackendException.Timeout, "gave up", isFatal: false)
                {
                    Attempts = new TransportAttempts(2, [BackendException.Timeout], TimeSpan.FromSeconds(2)),
                };
            }
            var reply = FakeChatClient.Reply("ok", input: 7, output: 3);
            reply.AdditionalProperties = new() { [TransportAttempts.PropertyName] = retried };
            return reply;
        });
        var batch = new GenerationCounts();
        await using var journal = await OpenJournalAsync(folder);
        using var requests = Requests(client, journal, new Dictionary<GenerationStep, StepUsage>(),
            new GenerationConfig());

        var answered = await requests.SendAsync(
            GenerationStep.Instances, "kept", _options, batch, CancellationToken.None);
        var lost = await requests.SendAsync(GenerationStep.Instances, "lost", _options, batch, CancellationToken.None);

        Assert.NotNull(answered);
        Assert.Null(lost);
        var expected = new StepUsage(1, 7, 3, Retries: 3, BackoffSeconds: 3.5);
        Assert.Equal(expected, requests.Usage.ByStep[GenerationStep.Instances]);
        Assert.Equal(expected, batch.Usage[GenerationStep.Instances]);
        Assert.Equal(2, batch.Rejections["instances.retried_timeout"]);
        Assert.Equal(1, batch.Rejections["instances.retried_server_error"]);
        Assert.Equal(1, batch.Rejections["instances.timeout"]);
    }

    [Fact]
    public async Task Sends_exactly_the_request_budget_when_requests_run_in_parallel()
    {
        using var folder = new TemporaryFolder();
        var client = new FakeChatClient(async (_, _, _) =>
        {
            await Task.Yield();
            return FakeChatClient.Reply("ok");
        });
        var batch = new GenerationCounts();
        await using var journal = await OpenJournalAsync(folder);
        using var requests = Requests(client, journal, new Dictionary<GenerationStep, StepUsage>(),
            new GenerationConfig { Concurrency = 4, MaxRequests = 5 });

        await Task.WhenAll(Enumerable.Range(0, 40).Select(index => requests.SendAsync(
            GenerationStep.Instructions, $"prompt {index}", _options, batch, CancellationToken.None)));

        Assert.Equal(5, client.Requests.Count);
        Assert.Equal(5, requests.Usage.Current.Total.Requests);
        Assert.Equal(35, batch.Rejections["instructions.over_budget"]);
        Assert.True(requests.BudgetSpent(out var reason));
        Assert.Equal(StopReason.MaxRequests, reason);
    }

    [Fact]
    public async Task Keeps_at_most_the_configured_number_of_requests_in_flight()
    {
        using var folder = new TemporaryFolder();
        var probe = new ConcurrencyProbe(limit: 2);
        await using var journal = await OpenJournalAsync(folder);
        using var requests = Requests(probe.Client, journal, new Dictionary<GenerationStep, StepUsage>(),
            new GenerationConfig { Concurrency = 2 });

        await Task.WhenAll(Enumerable.Range(0, 8).Select(index => requests.SendAsync(
            GenerationStep.Instructions, $"prompt {index}", _options, new GenerationCounts(), CancellationToken.None)));

        Assert.Equal(8, probe.Client.Requests.Count);
        Assert.Equal(2, probe.MaxInFlight);
    }

    [Fact]
    public async Task Reuses_a_journaled_reply_and_counts_it_without_a_request()
    {
        using var folder = new TemporaryFolder();
        var client = new FakeChatClient((_, _) => FakeChatClient.Reply("ok", input: 7, output: 3));
        await using (var first = await OpenJournalAsync(folder))
        {
            using var requests = Requests(client, first, new Dictionary<GenerationStep, StepUsage>(),
                new GenerationConfig());
            await requests.SendAsync(GenerationStep.Instructions, "prompt", _options, new GenerationCounts(),
                CancellationToken.None);
        }
        var (journal, contents) = await GenerationJournal.OpenAsync(folder.Path, CancellationToken.None);
        await using var journalScope = journal;
        using var resumed = new ModelRequests(client, journal, contents.Replies,
            new Dictionary<GenerationStep, StepUsage>(), new GenerationConfig(), NullLogger.Instance);

        var reply = await resumed.SendAsync(GenerationStep.Instructions, "prompt", _options, new GenerationCounts(),
            CancellationToken.None);

        Assert.Equal("ok", reply!.Text);
        Assert.Single(client.Requests);
        Assert.Equal(new StepUsage(1, 7, 3), resumed.Usage.Current.Total);
    }

    private static async Task<GenerationJournal> OpenJournalAsync(TemporaryFolder folder) =>
        (await GenerationJournal.OpenAsync(folder.Path, CancellationToken.None)).Journal;

    private static ModelRequests Requests(IChatClient client, GenerationJournal journal,
        IReadOnlyDictionary<GenerationStep, StepUsage> committed, GenerationConfig config) =>
        new(client, journal, [], committed, config, NullLogger.Instance);
}
