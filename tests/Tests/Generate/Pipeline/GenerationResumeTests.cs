using SelfInstruct.Generate.Configuration;
using SelfInstruct.Generate.Pipeline;
using SelfInstruct.Tests.Fakes;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Generate.Pipeline;

public sealed class GenerationResumeTests
{
    private static readonly GenerationConfig _config = new()
    {
        NumInstructions = 30,
        RequestsPerBatch = 2,
        Concurrency = 4,
        DatasetWriteIntervalSeconds = 0,
    };

    [Fact]
    public async Task A_run_cancelled_mid_batch_and_run_again_ends_as_an_uninterrupted_run()
    {
        using var straight = new TemporaryFolder();
        using var resumed = new TemporaryFolder();
        var expected = await GenerationPipelineTests.RunAsync(
            new FakeChatClient((prompt, _) => ScriptedModel.Answer(prompt)), _config, straight.Path);
        using var cancellation = new CancellationTokenSource();
        var calls = 0;
        var interrupted = new FakeChatClient((prompt, _, token) =>
        {
            if (Interlocked.Increment(ref calls) == 40)
            {
                cancellation.Cancel();
            }
            token.ThrowIfCancellationRequested();
            return Task.FromResult(ScriptedModel.Answer(prompt));
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => GenerationPipelineTests.RunAsync(
            interrupted, _config, resumed.Path, cancellation.Token));
        var partial = await ReadRowsAsync(resumed.Path);
        var second = new FakeChatClient((prompt, _) => ScriptedModel.Answer(prompt));
        var result = await GenerationPipelineTests.RunAsync(second, _config, resumed.Path);

        Assert.NotEmpty(partial);
        Assert.True(partial.Count < 2 * _config.NumInstructions);
        Assert.Equal(expected.Tasks.Select(Describe), result.Tasks.Select(Describe));
        Assert.Equal(await ReadRowsAsync(straight.Path), await ReadRowsAsync(resumed.Path));
        Assert.Equal(expected.Progress.Rejections, result.Progress.Rejections);
        Assert.Equal(expected.Progress.TotalUsage, result.Progress.TotalUsage);
        Assert.True(second.Requests.Count < expected.Progress.TotalUsage.Requests - 30,
            "replies journaled before the interruption are not asked for again");
        Assert.True(result.ResumedBatches > 0);
    }

    [Fact]
    public async Task A_torn_last_journal_line_is_cut_and_the_run_continues_without_duplicates()
    {
        using var folder = new TemporaryFolder();
        var client = new FakeChatClient((prompt, _) => ScriptedModel.Answer(prompt));
        await GenerationPipelineTests.RunAsync(client, _config with { NumInstructions = 10 }, folder.Path);
        var journal = Path.Combine(folder.Path, GenerationJournal.FileName);
        await File.AppendAllTextAsync(journal, "{\"reply\":{\"key\":\"ab");

        var result = await GenerationPipelineTests.RunAsync(
            client, _config with { NumInstructions = 20 }, folder.Path);

        Assert.Equal(20, result.Tasks.Count);
        Assert.Equal(20, result.Tasks.Select(task => task.Instruction).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 20).Select(index => $"machine_task_{index}"), result.Tasks.Select(t => t.Id));
        Assert.DoesNotContain("\"key\":\"ab{", await File.ReadAllTextAsync(journal), StringComparison.Ordinal);
        Assert.Equal(20, (await ReadRowsAsync(folder.Path)).Select(row => row.TaskId).Distinct().Count());
    }

    [Fact]
    public async Task A_finished_run_started_again_sends_nothing_and_changes_nothing()
    {
        using var folder = new TemporaryFolder();
        var first = await GenerationPipelineTests.RunAsync(
            new FakeChatClient((prompt, _) => ScriptedModel.Answer(prompt)), _config, folder.Path);
        var idle = new FakeChatClient((prompt, _) => ScriptedModel.Answer(prompt));

        var again = await GenerationPipelineTests.RunAsync(idle, _config, folder.Path);

        Assert.Empty(idle.Requests);
        Assert.Equal(first.Tasks.Select(Describe), again.Tasks.Select(Describe));
        Assert.Equal(StopReason.TargetReached, again.StopReason);
    }

    [Fact]
    public async Task With_a_long_write_interval_a_cancelled_run_still_leaves_every_committed_batch_in_the_dataset()
    {
        using var folder = new TemporaryFolder();
        using var cancellation = new CancellationTokenSource();
        var calls = 0;
        var client = new FakeChatClient((prompt, _, token) =>
        {
            if (Interlocked.Increment(ref calls) == 60)
            {
                cancellation.Cancel();
            }
            token.ThrowIfCancellationRequested();
            return Task.FromResult(ScriptedModel.Answer(prompt));
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => GenerationPipelineTests.RunAsync(
            client, _config with { DatasetWriteIntervalSeconds = 3600 }, folder.Path, cancellation.Token));

        var (journal, contents) = await GenerationJournal.OpenAsync(folder.Path, CancellationToken.None);
        await journal.DisposeAsync();
        var committed = contents.Batches.SelectMany(batch => batch.Tasks).Select(task => task.Id).ToList();
        Assert.NotEmpty(committed);
        Assert.Equal(committed, (await ReadRowsAsync(folder.Path)).Select(row => row.TaskId).Distinct());
    }

    private static string Describe(GeneratedTask task) =>
        $"{task.Id}|{task.Instruction}|{task.IsClassification}|{string.Join(";", task.Instances)}|" +
        $"{task.MaxSimilarity}|{task.MeanSimilarity}|{task.SeedSimilarity}|{task.MostSimilar.Count}";

    private static async Task<IReadOnlyList<DatasetRow>> ReadRowsAsync(string folder) =>
        (await ParquetDatasetStore.ReadAsync(
            Path.Combine(folder, GenerationPipeline.DatasetFileName), CancellationToken.None)).Rows;
}
