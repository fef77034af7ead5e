using SelfInstruct.Tests.Cli;
using SelfInstruct.Tests.Fakes;
using SelfInstruct.Tests.Generate.Pipeline;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Generate;

/// <summary><c>generate --style alpaca</c> through the command line, over two fake servers at once.</summary>
public sealed class AlpacaStyleCommandTests
{
    [Fact]
    public async Task Generates_whole_tasks_over_two_servers_and_reports_each_server()
    {
        using var folder = new TemporaryFolder();
        using var first = Scripted();
        using var second = Scripted();

        var result = await CliRunner.RunAsync("", "generate", "--out", folder.Path, "--style", "alpaca",
            "--base-url", first.BaseUrl.ToString(), second.BaseUrl.ToString(), "--num-instructions", "30",
            "--concurrency", "2", "--seeds", RepositoryRoot.PathTo("data/seed_tasks.jsonl"));

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        var dataset = await ParquetDatasetStore.ReadAsync(
            Path.Combine(folder.Path, "dataset.parquet"), CancellationToken.None);
        Assert.Equal(30, dataset.Rows.Count);
        Assert.Equal(30, dataset.Rows.Select(row => row.TaskId).Distinct().Count());
        Assert.All(first.Requests.Concat(second.Requests), request => Assert.EndsWith("\n\nTask 4",
            request.Body["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>(), StringComparison.Ordinal));
        var card = await File.ReadAllTextAsync(Path.Combine(folder.Path, "README.md"));
        Assert.Contains("| style | alpaca |\n| in-context examples per prompt | 3 whole seed tasks |", card,
            StringComparison.Ordinal);
        var stats = await File.ReadAllTextAsync(Path.Combine(folder.Path, "stats.md"));
        Assert.Contains($"| {first.BaseUrl.AbsoluteUri} | {first.Requests.Count} | 0 | 0 |", stats,
            StringComparison.Ordinal);
        Assert.Contains($"| {second.BaseUrl.AbsoluteUri} | {second.Requests.Count} | 0 | 0 |", stats,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prices_the_alpaca_style_in_a_dry_run_without_classification_or_instance_requests()
    {
        using var folder = new TemporaryFolder();

        var result = await CliRunner.RunAsync("", "generate", "--out", folder.Path, "--style", "alpaca",
            "--dry-run", "--num-instructions", "1000", "--seeds", RepositoryRoot.PathTo("data/seed_tasks.jsonl"));

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Matches(@"instruction generation requests\s+│\s+100 ", result.Output);
        Assert.Matches(@"classification requests\s+│\s+0 ", result.Output);
        Assert.Matches(@"instance generation requests\s+│\s+0 ", result.Output);
        Assert.Contains("Assumes 10 accepted tasks per request", result.Output, StringComparison.Ordinal);
    }

    private static FakeOpenAIServer Scripted() => new(request => FakeOpenAIServer.Chat(
        AlpacaScriptedModel.Answer(request.Body["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>()).Text));
}
