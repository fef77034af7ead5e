namespace SelfInstruct.Evaluate.Sets;

/// <summary>
/// The held-out tasks of one of our dataset files (Parquet, seed JSON Lines or Alpaca JSON): a task is held out
/// when the FNV-1a hash of its UTF-8 task id, modulo 10,000, is below fraction × 10,000. The rule needs no seed and
/// no state, so a trainer can exclude exactly these tasks. Rows of a task become its instances.
/// </summary>
public static class HeldOutDataset
{
    private const int Buckets = 10_000;

    /// <summary>Reads the held-out tasks, at most <paramref name="maxInstancesPerTask"/> instances each.</summary>
    /// <exception cref="InvalidDataException">The file is malformed, or no task is in the held-out share.</exception>
    public static async Task<EvaluationSet> ReadAsync(
        string path, double fraction, int maxInstancesPerTask, CancellationToken cancellationToken)
    {
        var dataset = await DatasetFiles.ReadAsync(path, null, cancellationToken);
        var tasks = dataset.Rows
            .GroupBy(row => row.TaskId, StringComparer.Ordinal)
            .Where(group => IsHeldOut(group.Key, fraction))
            .Select(group => Task(group.Key, group.ToList(), maxInstancesPerTask))
            .ToList();
        if (tasks.Count == 0)
        {
            throw DataFormatError.In(path, "task_id",
                $"at least one task in the held-out share {fraction} (raise held_out_fraction)",
                $"none of {dataset.Rows.Select(row => row.TaskId).Distinct(StringComparer.Ordinal).Count()} tasks");
        }
        return new EvaluationSet(EvaluationSetKind.Dataset, Path.GetFullPath(path), tasks, []);
    }

    private static EvaluationTask Task(string taskId, List<DatasetRow> rows, int maxInstancesPerTask)
    {
        var instances = rows
            .Select((row, index) => new EvaluationInstance($"{taskId}-{index}", row.Input, [row.Output]))
            .ToList();
        return new EvaluationTask(taskId, rows[0].IsClassification ? "classification" : "generation",
            rows[0].Instruction, [], instances.Take(maxInstancesPerTask).ToList(),
            rows[0].IsClassification ? EvaluationTask.ClassificationLabels(instances) : null);
    }

    /// <summary>Whether the task with this id is held out at <paramref name="fraction"/>.</summary>
    public static bool IsHeldOut(string taskId, double fraction)
    {
        var hash = 2166136261u;
        foreach (var value in Encoding.UTF8.GetBytes(taskId))
        {
            hash = unchecked((hash ^ value) * 16777619u);
        }
        return hash % Buckets < fraction * Buckets;
    }
}
