using Microsoft.Extensions.Logging.Abstractions;
using SelfInstruct.Generate;
using SelfInstruct.Generate.Configuration;
using SelfInstruct.Generate.Pipeline;
using SelfInstruct.Tests.Fakes;
using SelfInstruct.Tests.Generate.Pipeline;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Generate;

public sealed class GenerationRunTests
{
    [Fact]
    public async Task Names_every_file_it_wrote_and_reports_progress_to_the_sink()
    {
        using var folder = new TemporaryFolder();
        using var server = new FakeOpenAIServer(request => FakeOpenAIServer.Chat(
            ScriptedModel.Answer(request.Body["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>()).Text));
        var config = new GenerationConfig
        {
            NumInstructions = 6,
            Concurrency = 2,
            BaseUrls = [server.BaseUrl.ToString()],
            Model = "fake-model",
            Seeds = RepositoryRoot.PathTo(Path.Combine("data", "seed_tasks.jsonl")),
            Output = folder.Path,
        };
        var reports = new CountingProgress();

        var result = await new GenerationRun(_ => null, NullLoggerFactory.Instance)
            .RunAsync(config, reports, CancellationToken.None);

        var named = new[] { result.DatasetFile, result.JournalFile, result.ConfigFile, result.StatisticsFile }
            .Concat(result.Plots).ToList();
        Assert.Equal(Path.Combine(folder.Path, "dataset.parquet"), result.DatasetFile);
        Assert.Equal(Path.Combine(folder.Path, "stats.md"), result.StatisticsFile);
        Assert.NotEmpty(result.Plots);
        Assert.All(named, file => Assert.True(File.Exists(file), file));
        Assert.Equal(6, result.Statistics.Instructions);
        Assert.Equal(6, result.Progress.Accepted);
        Assert.True(reports.Count > 0);
    }

    private sealed class CountingProgress : IProgress<GenerationProgress>
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Report(GenerationProgress value) => Interlocked.Increment(ref _count);
    }
}
