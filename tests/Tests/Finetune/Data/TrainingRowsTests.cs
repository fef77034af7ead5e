using SelfInstruct.Finetune.Configuration;
using SelfInstruct.Finetune.Data;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Finetune.Data;

public sealed class TrainingRowsTests
{
    [Fact]
    public void Keeps_a_seeded_sample_of_five_instances_per_task_and_holds_out_whole_tasks()
    {
        var rows = Enumerable.Range(0, 20)
            .SelectMany(task => Enumerable.Range(0, 7).Select(instance => Row($"task_{task}", $"out {instance}")))
            .ToList();

        var split = TrainingRows.Split(rows, maxInstancesPerTask: 5, validationFraction: 0.1, seed: 1);

        Assert.Equal(18, split.TrainTasks);
        Assert.Equal(2, split.ValidationTasks);
        Assert.Equal(90, split.Train.Count);
        Assert.Equal(10, split.Validation.Count);
        Assert.Empty(split.Train.Select(row => row.TaskId).Intersect(split.Validation.Select(row => row.TaskId)));
        var again = TrainingRows.Split(rows, maxInstancesPerTask: 5, validationFraction: 0.1, seed: 1);
        Assert.Equal(split.Train, again.Train);
        Assert.All(split.Train.GroupBy(row => row.TaskId), task =>
        {
            var outputs = task.Select(row => row.Output).ToList();
            Assert.Equal(5, outputs.Distinct().Count());
            Assert.Equal(outputs.Order(StringComparer.Ordinal), outputs);
        });
        // A sample, not the first five: some task keeps one of the last two instances.
        Assert.Contains(split.Train, row => row.Output is "out 5" or "out 6");
    }

    [Fact]
    public void Holds_out_nothing_at_fraction_zero_and_never_every_task()
    {
        var rows = new[] { Row("a", "1"), Row("b", "2") };

        var none = TrainingRows.Split(rows, 5, 0, seed: 1);
        var most = TrainingRows.Split(rows, 5, 0.99, seed: 1);

        Assert.Empty(none.Validation);
        Assert.Single(most.Train);
        Assert.Single(most.Validation);
    }

    [Fact]
    public async Task Reads_the_seed_pool_as_one_instance_tasks_and_adds_seeds_once()
    {
        var seeds = RepositoryRoot.PathTo(Path.Combine("data", "seed_tasks.jsonl"));
        var config = new FinetuneConfig
        {
            Data = seeds,
            IncludeSeeds = true,
            SeedsPath = seeds,
            ValidationFraction = 0,
        };

        var split = await TrainingRows.LoadAsync(config, CancellationToken.None);
        var pool = await DatasetFiles.ReadAsync(seeds, null, CancellationToken.None);

        Assert.Equal(175, split.TrainTasks);
        Assert.Equal(pool.Rows.GroupBy(row => row.TaskId).Sum(task => Math.Min(5, task.Count())), split.Train.Count);
    }

    [Fact]
    public async Task Refuses_a_dataset_without_a_row_to_train_on()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("empty.json");
        await File.WriteAllTextAsync(path, "[]");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            TrainingRows.LoadAsync(new FinetuneConfig { Data = path }, CancellationToken.None));

        Assert.Contains("no row to train on", error.Message, StringComparison.Ordinal);
    }

    private static DatasetRow Row(string task, string output) =>
        new() { TaskId = task, Instruction = $"Do {task}.", Output = output };
}
