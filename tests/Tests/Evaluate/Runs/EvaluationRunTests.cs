using SelfInstruct.Evaluate.Configuration;
using SelfInstruct.Evaluate.Models;
using SelfInstruct.Evaluate.Runs;
using SelfInstruct.Tests.Fakes;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Evaluate.Runs;

public sealed class EvaluationRunTests
{
    private static readonly string _eval = RepositoryRoot.PathTo(Path.Combine("data", "eval"));

    [Fact]
    public async Task Resumes_from_the_journal_without_calling_any_model_again()
    {
        using var folder = new TemporaryFolder();
        var clients = new Dictionary<string, FakeChatClient>();
        var run = new EvaluationRun(endpoint => Client(clients, endpoint, _ => "entailment"));
        var config = Config("base=openai:small@http://127.0.0.1:1/v1", "tuned=openai:large@http://127.0.0.1:1/v1");

        var first = await run.RunAsync(config with { Output = folder.Path }, null, CancellationToken.None);
        var calls = clients.Values.Sum(client => client.Requests.Count);
        clients.Clear();
        var second = await run.RunAsync(config with { Output = folder.Path }, null, CancellationToken.None);

        Assert.Equal(2 * 24, calls);
        Assert.Empty(clients);
        Assert.Equal(first.Results.Models[1].Overall, second.Results.Models[1].Overall);
        Assert.Equal(first.Results.Comparisons[0].RougeL, second.Results.Comparisons[0].RougeL);
    }

    [Fact]
    public async Task Keeps_the_predictions_made_before_an_endpoint_goes_down_and_completes_on_rerun()
    {
        using var folder = new TemporaryFolder();
        var answered = 0;
        var failing = new EvaluationRun(_ => new FakeChatClient((prompt, _) => Interlocked.Increment(ref answered) > 5
            ? throw new HttpRequestException("connection refused")
            : FakeChatClient.Reply("neutral")));
        var config = Config("remote=openai:m@http://127.0.0.1:1/v1") with { Concurrency = 1 };

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            failing.RunAsync(config with { Output = folder.Path }, null, CancellationToken.None));
        var kept = File.ReadAllLines(Path.Combine(folder.Path, PredictionJournal.FileName)).Length;
        var rerunCalls = 0;
        var healthy = new EvaluationRun(_ => new FakeChatClient((_, _) =>
        {
            Interlocked.Increment(ref rerunCalls);
            return FakeChatClient.Reply("neutral");
        }));
        var result = await healthy.RunAsync(config with { Output = folder.Path }, null, CancellationToken.None);

        Assert.Equal(5, kept);
        Assert.Equal(24 - 5, rerunCalls);
        Assert.Equal(24, result.Results.Models[0].Overall.Count);
    }

    [Fact]
    public async Task Names_every_file_it_wrote_the_report_included()
    {
        using var folder = new TemporaryFolder();
        var run = new EvaluationRun(_ => new FakeChatClient((_, _) => FakeChatClient.Reply("entailment")));
        var config = Config("base=openai:a@http://127.0.0.1:1/v1", "tuned=openai:b@http://127.0.0.1:1/v1") with
        {
            Output = folder.Path,
        };

        var result = await run.RunAsync(config, null, CancellationToken.None);

        var named = new[]
        {
            result.ConfigFile, result.JournalFile, result.ResultsFile, result.PredictionsFile, result.Report.Markdown,
            result.Report.Html,
        }.Concat(result.Report.Plots).ToList();
        Assert.Contains(Path.Combine(folder.Path, "report.html"), named);
        Assert.Contains(Path.Combine(folder.Path, "headline.png"), named);
        Assert.All(named, file => Assert.True(File.Exists(file), file));
        Assert.Equal(named.Count, named.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Rejects_two_models_with_the_same_name()
    {
        using var folder = new TemporaryFolder();
        var config = Config("m=openai:a@http://127.0.0.1:1/v1", "m=openai:b@http://127.0.0.1:1/v1");

        var error = await Assert.ThrowsAsync<ConfigException>(() =>
            new EvaluationRun().RunAsync(config with { Output = folder.Path }, null, CancellationToken.None));

        Assert.Contains("the name 'm' is used twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_every_invalid_setting_at_once()
    {
        var config = new EvaluationConfig { MaxNewTokens = 0, BatchSize = 0, Judge = "gpt" };

        var error = Assert.Throws<ConfigException>(() => config.Validate("test"));

        Assert.Equal(5, error.Problems.Count);
    }

    [Fact]
    public async Task Asks_every_model_the_same_prompt_with_greedy_decoding()
    {
        using var folder = new TemporaryFolder();
        var clients = new Dictionary<string, FakeChatClient>();
        var run = new EvaluationRun(endpoint => Client(clients, endpoint, _ => ""));

        var result = await run.RunAsync(
            Config("a=openai:a@http://h:1/v1", "b=openai:b@http://h:1/v1") with { Output = folder.Path }, null,
            CancellationToken.None);

        Assert.Equal(clients["a"].Requests.Select(request => request.Prompt).Order(StringComparer.Ordinal),
            clients["b"].Requests.Select(request => request.Prompt).Order(StringComparer.Ordinal));
        Assert.All(clients["a"].Requests, request => Assert.Equal(0f, request.Options!.Temperature));
        Assert.StartsWith("Definition: ", clients["a"].Requests[0].Prompt, StringComparison.Ordinal);
        Assert.Equal(24, result.Results.Models[0].EmptyPredictions);
        Assert.Equal(0, result.Results.Models[0].Overall.RougeL);
    }

    [Fact]
    public async Task Scores_in_the_configured_text_mode()
    {
        var fullWidth = new EvaluationRun(_ => new FakeChatClient((_, _) => FakeChatClient.Reply("ｅｎｔａｉｌｍｅｎｔ")));
        var ascii = new EvaluationRun(_ => new FakeChatClient((_, _) => FakeChatClient.Reply("entailment")));
        var config = Config("m=openai:m@http://h:1/v1");

        var english = await RunInFolderAsync(fullWidth, config);
        var unicode = await RunInFolderAsync(fullWidth, config with { TextMode = TextMode.Unicode });
        var unicodeAscii = await RunInFolderAsync(ascii, config with { TextMode = TextMode.Unicode });

        Assert.Equal(0, english.Results.Models[0].Overall.RougeL);
        Assert.True(unicode.Results.Models[0].Overall.RougeL > 0);
        Assert.Equal(unicodeAscii.Results.Models[0].Overall, unicode.Results.Models[0].Overall);
    }

    [Theory]
    [InlineData(TextMode.English, "Metrics: SuperNI's exact match and ROUGE-L")]
    [InlineData(TextMode.Unicode, "Metrics: text mode unicode, our extension")]
    public async Task The_report_says_which_metric_scored(TextMode mode, string sentence)
    {
        var run = new EvaluationRun(_ => new FakeChatClient((_, _) => FakeChatClient.Reply("entailment")));
        using var folder = new TemporaryFolder();

        var result = await run.RunAsync(
            Config("m=openai:m@http://h:1/v1") with { Output = folder.Path, TextMode = mode }, null,
            CancellationToken.None);

        Assert.Contains(sentence, await File.ReadAllTextAsync(result.Report.Markdown), StringComparison.Ordinal);
    }

    private static async Task<EvaluationRunResult> RunInFolderAsync(EvaluationRun run, EvaluationConfig config)
    {
        using var folder = new TemporaryFolder();
        return await run.RunAsync(config with { Output = folder.Path }, null, CancellationToken.None);
    }

    private static EvaluationConfig Config(params string[] models) => new()
    {
        Models = models,
        SuperNi = _eval,
        MaxInstancesPerTask = 2,
        BootstrapResamples = 200,
    };

    private static FakeChatClient Client(
        Dictionary<string, FakeChatClient> clients, EndpointSpec endpoint, Func<string, string> answer)
    {
        var client = new FakeChatClient((prompt, _) => FakeChatClient.Reply(answer(prompt)));
        lock (clients)
        {
            clients[endpoint.Model] = client;
        }
        return client;
    }
}
