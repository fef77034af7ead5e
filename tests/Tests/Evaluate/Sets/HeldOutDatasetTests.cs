using SelfInstruct.Evaluate.Sets;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Evaluate.Sets;

public sealed class HeldOutDatasetTests
{
    [Fact]
    public async Task Holds_out_the_same_tasks_by_a_stable_hash_of_their_ids()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("dataset.parquet");
        var rows = Enumerable.Range(0, 40).SelectMany(task => Enumerable.Range(0, 3).Select(instance => new DatasetRow
        {
            TaskId = $"task-{task}",
            Instruction = $"Instruction {task}.",
            Input = $"input {instance}",
            Output = instance % 2 == 0 ? "yes" : "no",
            IsClassification = task % 2 == 0,
        })).ToList();
        await ParquetDatasetStore.WriteAsync(path, rows, new Dictionary<string, string>(), CancellationToken.None);

        var all = await HeldOutDataset.ReadAsync(path, 1.0, 2, CancellationToken.None);
        var some = await HeldOutDataset.ReadAsync(path, 0.25, 2, CancellationToken.None);

        Assert.Equal(40, all.Tasks.Count);
        Assert.All(all.Tasks, task => Assert.Equal(2, task.Instances.Count));
        Assert.Equal(all.Tasks.Select(task => task.Id).Where(id => HeldOutDataset.IsHeldOut(id, 0.25)),
            some.Tasks.Select(task => task.Id));
        Assert.InRange(some.Tasks.Count, 1, 39);
        Assert.Equal("task-0-1", all.Tasks[0].Instances[1].Id);
        Assert.Null(all.Tasks[1].Labels);
    }
}
