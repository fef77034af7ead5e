using Microsoft.Extensions.Logging.Abstractions;
using SelfInstruct.Backends;
using SelfInstruct.Generate;
using SelfInstruct.Generate.Configuration;
using SelfInstruct.Tests.Cli;
using SelfInstruct.Tests.Fakes;
using SelfInstruct.Tests.Generate.Pipeline;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Generate.Batch;

public sealed class BatchApiRunTests
{
    // Every fake answer takes 11 prompt and 7 output tokens; at 1 and 2 per million, half of that with the Batch API.
    private const double CostPerRequest = ((11 * 1.0) + (7 * 2.0)) / 1_000_000 * 0.5;

    [Fact]
    public async Task A_run_sends_every_request_in_batches_round_by_round_at_half_the_price()
    {
        using var folder = new TemporaryFolder();
        var lines = new List<FakeOpenAIRequest>();
        using var server = new FakeOpenAIServer(request =>
        {
            lines.Add(request);
            return Answer(request);
        });
        var time = new InstantTimeProvider();

        var result = await RunAsync(server, folder.Path, time);

        Assert.Equal(8, result.Statistics.Instructions);
        Assert.Empty(server.Requests);
        Assert.All(lines, line => Assert.Equal("/v1/chat/completions", line.Path));
        Assert.All(lines, line => Assert.Equal("fake-model", line.Body["model"]!.GetValue<string>()));
        var created = server.Batches.Created;
        var keys = created.SelectMany(batch => batch).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(lines.Count, keys.Count);
        Assert.Equal(3 * result.Statistics.Rounds.Count, created.Count);
        Assert.Equal(lines.Count, result.Progress.TotalUsage.Requests);
        Assert.Equal(lines.Count * CostPerRequest, result.Progress.Cost, 12);
        // Each batch is read twice (validating, then done) with one 5 s wait between: 15 s for a round's three.
        Assert.All(result.Statistics.Rounds, round => Assert.Equal(TimeSpan.FromSeconds(15), round.WallTime));
        var stats = await File.ReadAllTextAsync(result.StatisticsFile);
        Assert.Contains("## Batch API rounds", stats, StringComparison.Ordinal);
        Assert.Matches(@"\| 0 \| \d+ \| 0\.\d{4} \| 0\.00:00:15 \|", stats);
        var journal = await File.ReadAllTextAsync(result.JournalFile);
        Assert.Equal(created.Count, Regex.Count(journal, "\"status\":\"consumed\""));
    }

    [Fact]
    public async Task Base_models_get_completions_lines()
    {
        using var folder = new TemporaryFolder();
        var paths = new List<string>();
        using var server = new FakeOpenAIServer(request =>
        {
            paths.Add(request.Path);
            return FakeOpenAIServer.Completion(
                ScriptedModel.Answer(request.Body["prompt"]!.GetValue<string>()).Text);
        });

        var result = await RunAsync(server, folder.Path, new InstantTimeProvider(), OpenAIApi.Completions);

        Assert.Equal(8, result.Statistics.Instructions);
        Assert.NotEmpty(paths);
        Assert.All(paths, path => Assert.Equal("/v1/completions", path));
    }

    [Fact]
    public async Task An_expired_batch_gives_its_answered_lines_and_the_rest_go_into_a_new_batch()
    {
        using var expiredFolder = new TemporaryFolder();
        using var plainFolder = new TemporaryFolder();
        using var expiring = new FakeOpenAIServer(Answer);
        using var plain = new FakeOpenAIServer(Answer);
        expiring.Batches.ExpireNext(answeredLines: 1);

        var expired = await RunAsync(expiring, expiredFolder.Path, new InstantTimeProvider());
        var uninterrupted = await RunAsync(plain, plainFolder.Path, new InstantTimeProvider());

        var created = expiring.Batches.Created;
        Assert.Equal(created[0].Skip(1), created[1]);
        Assert.Equal(plain.Batches.Created[0], created[0]);
        Assert.Equal(await DatasetAsync(uninterrupted.DatasetFile), await DatasetAsync(expired.DatasetFile));
    }

    [Fact]
    public async Task A_batch_that_fails_validation_ends_the_run_naming_it_and_a_rerun_submits_again()
    {
        using var folder = new TemporaryFolder();
        using var server = new FakeOpenAIServer(Answer);
        server.Batches.FailNext("model not found");

        var error = await Assert.ThrowsAsync<BackendException>(
            () => RunAsync(server, folder.Path, new InstantTimeProvider()));
        var rerun = await RunAsync(server, folder.Path, new InstantTimeProvider());

        Assert.True(error.IsFatal);
        Assert.Contains("batch batch-1 failed: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("model not found", error.Message, StringComparison.Ordinal);
        Assert.Equal(server.Batches.Created[0], server.Batches.Created[1]);
        Assert.Equal(8, rerun.Statistics.Instructions);
    }

    [Fact]
    public async Task A_run_stopped_while_its_batch_runs_resumes_by_polling_it_without_submitting_again()
    {
        using var folder = new TemporaryFolder();
        using var server = new FakeOpenAIServer(Answer);
        server.Batches.Hold = true;
        using var stop = new CancellationTokenSource();

        var stopped = RunAsync(server, folder.Path, new InstantTimeProvider(), cancellationToken: stop.Token);
        while (server.Batches.Retrieves < 3 && !stopped.IsCompleted)
        {
            await Task.Delay(10);
        }
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopped);
        var submittedBeforeStop = server.Batches.Created.ToList();
        server.Batches.Hold = false;
        var resumed = await RunAsync(server, folder.Path, new InstantTimeProvider());

        Assert.Single(submittedBeforeStop);
        Assert.Single(server.Batches.Created, batch => batch.SequenceEqual(submittedBeforeStop[0]));
        var keys = server.Batches.Created.SelectMany(batch => batch).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(8, resumed.Statistics.Instructions);
    }

    [Fact]
    public async Task A_child_killed_after_submitting_its_batch_resumes_by_polling_it()
    {
        using var folder = new TemporaryFolder();
        using var server = new FakeOpenAIServer(Answer);
        server.Batches.Hold = true;
        string[] arguments =
        [
            "generate", "--out", folder.Path, "--base-url", server.BaseUrl.ToString(), "--model", "fake-model",
            "--num-instructions", "8", "--batch-api", "--round-size", "3",
            "--seeds", RepositoryRoot.PathTo("data/seed_tasks.jsonl"),
        ];

        var journal = Path.Combine(folder.Path, "journal.jsonl");
        await ChildCli.KillWhenAsync(arguments, () => Submitted(journal));
        var submittedBeforeKill = server.Batches.Created.ToList();
        server.Batches.Hold = false;
        var resumed = await RunAsync(server, folder.Path, new InstantTimeProvider());

        Assert.Single(submittedBeforeKill);
        Assert.Single(server.Batches.Created, batch => batch.SequenceEqual(submittedBeforeKill[0]));
        Assert.Equal(8, resumed.Statistics.Instructions);
    }

    [Fact]
    public async Task A_dry_run_prices_the_batch_api_at_half_the_live_price()
    {
        using var folder = new TemporaryFolder();
        string[] arguments =
        [
            "generate", "--out", folder.Path, "--dry-run", "--num-instructions", "7000", "--price-in", "0.15",
            "--price-out", "0.6", "--seeds", RepositoryRoot.PathTo("data/seed_tasks.jsonl"),
        ];

        var live = await CliRunner.RunAsync("", arguments);
        var batch = await CliRunner.RunAsync("", [.. arguments, "--batch-api", "--round-size", "500"]);

        Assert.Equal(0, batch.ExitCode);
        // Both are shown to the cent.
        var halfLive = Cost(live.Output, "cost") / 2;
        Assert.InRange(Cost(batch.Output, "cost at Batch API rates"), halfLive - 0.01, halfLive + 0.01);
        Assert.Matches(@"│ Batch API rounds of 500 prompts\s+│\s+4 │", batch.Output);
    }

    // The journal holds a batch submission.
    private static bool Submitted(string journal) =>
        ChildCli.ReadShared(journal).Contains("\"input_file_id\":", StringComparison.Ordinal);

    private static FakeOpenAIReply Answer(FakeOpenAIRequest request) => FakeOpenAIServer.Chat(
        ScriptedModel.Answer(request.Body["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>()).Text);

    [Fact]
    public async Task The_alpaca_style_sends_its_task_requests_in_batches_too()
    {
        using var folder = new TemporaryFolder();
        using var server = new FakeOpenAIServer(request => FakeOpenAIServer.Chat(AlpacaScriptedModel.Answer(
            request.Body["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>()).Text));

        var result = await RunAsync(server, folder.Path, new InstantTimeProvider(), style: GenerationStyle.Alpaca);

        Assert.Equal(8, result.Statistics.Instructions);
        Assert.Empty(server.Requests);
        Assert.NotEmpty(server.Batches.Created);
    }

    private static Task<GenerationRunResult> RunAsync(FakeOpenAIServer server, string output, TimeProvider time,
        OpenAIApi api = OpenAIApi.Chat, GenerationStyle style = GenerationStyle.SelfInstruct,
        CancellationToken cancellationToken = default)
    {
        var config = new GenerationConfig
        {
            Style = style,
            Api = api,
            NumInstructions = 8,
            BatchApi = true,
            RoundSize = 3,
            BaseUrls = [server.BaseUrl.ToString()],
            Model = "fake-model",
            PriceInputPerMillion = 1,
            PriceOutputPerMillion = 2,
            Seeds = RepositoryRoot.PathTo(Path.Combine("data", "seed_tasks.jsonl")),
            Output = output,
        };
        return new GenerationRun(_ => null, NullLoggerFactory.Instance, time).RunAsync(config, null, cancellationToken);
    }

    private static async Task<List<DatasetRow>> DatasetAsync(string path) =>
        [.. (await ParquetDatasetStore.ReadAsync(path, CancellationToken.None)).Rows];

    private static double Cost(string output, string label)
    {
        var match = Regex.Match(output, $@"│ {Regex.Escape(label)} \(at most\)\s+│\s+([\d.]+) │");
        Assert.True(match.Success, output);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
