using SelfInstruct.Tests.Cli;
using SelfInstruct.Tests.Fakes;
using SelfInstruct.Tests.Generate.Pipeline;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Generate;

public sealed class GenerateKillResumeTests
{
    private const int Target = 80;

    [Fact]
    public async Task A_child_killed_with_sigkill_mid_run_resumes_with_no_duplicate_and_no_loss()
    {
        using var folder = new TemporaryFolder();
        var journal = Path.Combine(folder.Path, "journal.jsonl");
        var killed = new TaskCompletionSource();
        using var server = new FakeOpenAIServer(request =>
        {
            var prompt = request.Body["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>();
            // Past its second committed batch the child gets no more answers, so it is still running when killed.
            var stall = !killed.Task.IsCompleted && CommittedBatches(journal) >= 2;
            return FakeOpenAIServer.Chat(ScriptedModel.Answer(prompt).Text) with
            {
                Delay = stall ? Timeout.InfiniteTimeSpan : TimeSpan.Zero,
            };
        });
        string[] arguments =
        [
            "generate", "--out", folder.Path, "--base-url", server.BaseUrl.ToString(), "--model", "fake-model",
            "--num-instructions", Target.ToString(CultureInfo.InvariantCulture),
            "--concurrency", "2", "--seeds", RepositoryRoot.PathTo("data/seed_tasks.jsonl"),
        ];

        var killedAfterBatches = await RunChildAndKillAsync(arguments, journal);
        killed.SetResult();
        var afterKill = await ParquetDatasetStore.ReadAsync(
            Path.Combine(folder.Path, "dataset.parquet"), CancellationToken.None);
        var resumed = await CliRunner.RunAsync("", arguments);

        Assert.True(killedAfterBatches >= 2, $"the child was killed after {killedAfterBatches} batches");
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        var dataset = await ParquetDatasetStore.ReadAsync(
            Path.Combine(folder.Path, "dataset.parquet"), CancellationToken.None);
        var tasks = dataset.Rows.GroupBy(row => row.TaskId).ToList();
        Assert.Equal(Target, tasks.Count);
        Assert.Equal(Target, tasks.Select(task => task.First().Instruction).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, Target).Select(index => $"machine_task_{index}").Order(),
            tasks.Select(task => task.Key).Order());
        Assert.All(afterKill.Rows, row => Assert.Contains(dataset.Rows, kept => kept == row));
    }

    [Fact]
    public async Task Tasks_pending_when_killed_get_their_instances_on_resume_without_duplicates()
    {
        using var folder = new TemporaryFolder();
        var journal = Path.Combine(folder.Path, "journal.jsonl");
        var killed = new TaskCompletionSource();
        using var server = new FakeOpenAIServer(request =>
        {
            var prompt = request.Body["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>();
            if (killed.Task.IsCompleted)
            {
                return FakeOpenAIServer.Chat(ScriptedModel.Answer(prompt).Text);
            }
            // Until the kill every instance request fails, so every accepted task is pending when the child dies.
            return prompt.EndsWith("Example 1", StringComparison.Ordinal)
                ? FakeOpenAIServer.Error(500)
                : FakeOpenAIServer.Chat(ScriptedModel.Answer(prompt).Text) with
                {
                    Delay = CommittedBatches(journal) >= 2 ? Timeout.InfiniteTimeSpan : TimeSpan.Zero,
                };
        });
        await File.WriteAllTextAsync(folder.File("run.json"), "{ \"max_retries\": 0, \"max_attempts\": 1 }");
        string[] arguments =
        [
            "generate", "--out", folder.Path, "--base-url", server.BaseUrl.ToString(), "--model", "fake-model",
            "--num-instructions", Target.ToString(CultureInfo.InvariantCulture), "--concurrency", "2",
            "--config", folder.File("run.json"),
            "--seeds", RepositoryRoot.PathTo("data/seed_tasks.jsonl"),
        ];

        await RunChildAndKillAsync(arguments, journal);
        killed.SetResult();
        var resumed = await CliRunner.RunAsync("", arguments);

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        var dataset = await ParquetDatasetStore.ReadAsync(
            Path.Combine(folder.Path, "dataset.parquet"), CancellationToken.None);
        var tasks = dataset.Rows.GroupBy(row => row.TaskId).ToList();
        Assert.Equal(Target, tasks.Count);
        Assert.Equal(Target, tasks.Select(task => task.First().Instruction).Distinct().Count());
        Assert.All(tasks, task => Assert.Equal(task.Count(), task.Distinct().Count()));
        Assert.DoesNotMatch(@"instances\.failed_after_retries\s+│\s+[1-9]", resumed.Output);
    }

    // Kills the command (SIGKILL) once the journal holds two committed batches; returns how many it then held.
    private static async Task<int> RunChildAndKillAsync(string[] arguments, string journal)
    {
        await ChildCli.KillWhenAsync(arguments, () => CommittedBatches(journal) >= 2);
        return CommittedBatches(journal);
    }

    private static int CommittedBatches(string journal) => ChildCli.ReadShared(journal).Split('\n')
        .Count(line => line.StartsWith("{\"batch\":", StringComparison.Ordinal));
}
