using SelfInstruct.Backends;
using SelfInstruct.Generate.Configuration;
using SelfInstruct.Generate.Pipeline;
using SelfInstruct.Tests.Fakes;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Generate.Pipeline;

/// <summary>Accepted tasks whose classification or instance request failed are asked again, never dropped.</summary>
public sealed class PendingTasksTests
{
    private static readonly GenerationConfig _config = new()
    {
        NumInstructions = 12,
        RequestsPerBatch = 2,
        DatasetWriteIntervalSeconds = 0,
        Concurrency = 4,
    };

    [Fact]
    public async Task A_task_whose_requests_failed_gets_its_instances_in_a_later_batch()
    {
        using var folder = new TemporaryFolder();
        // Every task's first classification request and first instance request fail in transport.
        var failedOnce = new HashSet<string>(StringComparer.Ordinal);
        var client = new FakeChatClient((prompt, _) =>
        {
            var step = prompt.EndsWith("Is it classification?", StringComparison.Ordinal) ? "classify"
                : prompt.EndsWith("Example 1", StringComparison.Ordinal) ? "instances"
                : null;
            lock (failedOnce)
            {
                if (step is not null && failedOnce.Add(step + prompt[^200..]))
                {
                    throw new BackendException(BackendException.ServerError, "500 after retries", isFatal: false);
                }
            }
            return ScriptedModel.Answer(prompt);
        });

        var result = await GenerationPipelineTests.RunAsync(client, _config, folder.Path);

        Assert.Equal(StopReason.TargetReached, result.StopReason);
        Assert.Equal(12, result.Tasks.Count);
        Assert.All(result.Tasks, task => Assert.Null(task.PendingStep));
        Assert.All(result.Tasks, task => Assert.NotEmpty(task.Instances));
        Assert.Equal(result.Tasks.Where(task => task.Instruction.StartsWith("Classify", StringComparison.Ordinal)),
            result.Tasks.Where(task => task.IsClassification));
        Assert.Equal(0, result.Progress.Rejections.GetValueOrDefault("instances.failed_after_retries"));
        Assert.Equal(12, result.Progress.Rejections["classification.server_error"]);
        Assert.Equal(12, result.Progress.Rejections["instances.server_error"]);
        var dataset = await ParquetDatasetStore.ReadAsync(
            Path.Combine(folder.Path, GenerationPipeline.DatasetFileName), CancellationToken.None);
        Assert.Equal(12, dataset.Rows.Select(row => row.TaskId).Distinct().Count());
    }

    [Fact]
    public async Task Tasks_still_pending_at_the_stop_are_counted_and_complete_on_resume_without_duplicates()
    {
        using var folder = new TemporaryFolder();
        var down = new FakeChatClient((prompt, _) => prompt.EndsWith("Example 1", StringComparison.Ordinal)
            ? throw new BackendException(BackendException.Timeout, "no answer", isFatal: false)
            : ScriptedModel.Answer(prompt));

        var stopped = await GenerationPipelineTests.RunAsync(
            down, _config with { MaxBatchesWithoutProgress = 2 }, folder.Path);
        var up = new FakeChatClient((prompt, _) => ScriptedModel.Answer(prompt));
        var resumed = await GenerationPipelineTests.RunAsync(up, _config, folder.Path);

        Assert.Equal(12, stopped.Tasks.Count);
        Assert.Equal(12, stopped.Progress.Rejections["instances.failed_after_retries"]);
        Assert.Empty(stopped.Tasks.SelectMany(task => task.Instances));
        Assert.Equal(StopReason.TargetReached, resumed.StopReason);
        Assert.Equal(stopped.Tasks.Select(task => task.Instruction), resumed.Tasks.Select(task => task.Instruction));
        Assert.All(resumed.Tasks, task => Assert.NotEmpty(task.Instances));
        Assert.Equal(0, resumed.Progress.Rejections.GetValueOrDefault("instances.failed_after_retries"));
        // The resumed run asked only for the instances: no instruction or classification request.
        Assert.All(up.Requests, request => Assert.EndsWith("Example 1", request.Prompt, StringComparison.Ordinal));
        Assert.Equal(12, up.Requests.Count);
        var dataset = await ParquetDatasetStore.ReadAsync(
            Path.Combine(folder.Path, GenerationPipeline.DatasetFileName), CancellationToken.None);
        Assert.Equal(resumed.Tasks.Sum(task => task.Instances.Count), dataset.Rows.Count);
        Assert.Equal(12, dataset.Rows.Select(row => row.TaskId).Distinct().Count());
    }
}
