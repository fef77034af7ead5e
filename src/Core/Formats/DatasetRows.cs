namespace SelfInstruct.Core.Formats;

/// <summary>Conversions between task-shaped records and the flat one-row-per-instance dataset.</summary>
public static class DatasetRows
{
    /// <summary>One row per instance of each seed task, marked as seed origin.</summary>
    public static IReadOnlyList<DatasetRow> FromSeedTasks(IEnumerable<SeedTask> tasks) =>
        tasks.SelectMany(task => task.Instances.Select(instance =>
            InstanceRow(task.Id, task.Instruction, task.IsClassification, TaskOrigin.Seed, instance) with
            {
                TaskName = task.Name,
            })).ToList();

    /// <summary>The row of one instance with its task's columns; provenance columns are left empty.</summary>
    public static DatasetRow InstanceRow(
        string taskId, string instruction, bool isClassification, string origin, TaskInstance instance) => new()
        {
            TaskId = taskId,
            Instruction = instruction,
            Input = instance.Input,
            Output = instance.Output,
            IsClassification = isClassification,
            Origin = origin,
        };

    /// <summary>Groups rows by task id, in order of first appearance, back into tasks.</summary>
    public static IReadOnlyList<SeedTask> ToSeedTasks(IEnumerable<DatasetRow> rows) =>
        rows.GroupBy(row => row.TaskId, StringComparer.Ordinal)
            .Select(group =>
            {
                var first = group.First();
                return new SeedTask(
                    first.TaskId,
                    first.TaskName,
                    first.Instruction,
                    group.Select(row => new TaskInstance(row.Input, row.Output)).ToList(),
                    first.IsClassification);
            })
            .ToList();

    /// <summary>
    /// One task per Alpaca example, numbered in file order. Alpaca files hold machine-written data, and the format
    /// says nothing about classification, so neither is known here.
    /// </summary>
    public static IReadOnlyList<DatasetRow> FromAlpaca(IEnumerable<AlpacaExample> examples) =>
        examples.Select((example, index) => new DatasetRow
        {
            TaskId = $"alpaca_{index}",
            Instruction = example.Instruction,
            Input = example.Input,
            Output = example.Output,
            Origin = TaskOrigin.Machine,
        }).ToList();

    /// <summary>One Alpaca example per row.</summary>
    public static IReadOnlyList<AlpacaExample> ToAlpaca(IEnumerable<DatasetRow> rows) =>
        rows.Select(row => new AlpacaExample(row.Instruction, row.Input, row.Output)).ToList();
}
