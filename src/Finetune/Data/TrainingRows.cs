using SelfInstruct.Core.Curation;

namespace SelfInstruct.Finetune.Data;

/// <summary>Reads the dataset (and the seeds when asked) and splits it by task into training and validation.</summary>
public static class TrainingRows
{
    /// <summary>The configured data, seeds added, capped per task and split.</summary>
    /// <exception cref="FileNotFoundException">The dataset or the seed file does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is malformed, lacks a column, or holds no usable row.</exception>
    public static async Task<TrainingSplit> LoadAsync(FinetuneConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        // Hand edits from `selfinstruct view` apply whenever curation.jsonl lies beside the dataset.
        var dataset = await DatasetFiles.ReadAsync(config.Data, null, cancellationToken);
        var rows = CuratedDataset.Beside(config.Data, dataset).Dataset.Rows.ToList();
        if (config.IncludeSeeds)
        {
            var seeds = await DatasetFiles.ReadAsync(config.SeedsPath, null, cancellationToken);
            var known = rows.Select(row => row.TaskId).ToHashSet(StringComparer.Ordinal);
            rows.AddRange(seeds.Rows.Where(row => !known.Contains(row.TaskId)));
        }
        var usable = rows.Where(row => row.Instruction.Trim().Length > 0 && row.Output.Trim().Length > 0).ToList();
        if (usable.Count == 0)
        {
            throw new InvalidDataException($"{config.Data}: no row to train on: {rows.Count} rows, none with both " +
                "an instruction and an output");
        }
        return Split(usable, config.MaxInstancesPerTask, config.ValidationFraction, config.Seed);
    }

    /// <summary>
    /// Keeps a seeded random <paramref name="maxInstancesPerTask"/> rows of each task that has more (as the released
    /// <c>prepare_for_finetuning.py</c> does; a dataset from generate has no more already), then holds out a random
    /// <paramref name="validationFraction"/> of the tasks (at least one when the fraction is above 0, and never all).
    /// </summary>
    public static TrainingSplit Split(
        IReadOnlyList<DatasetRow> rows, int maxInstancesPerTask, double validationFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var capRandom = new Random(seed);
        var tasks = rows.GroupBy(row => row.TaskId, StringComparer.Ordinal)
            .Select(group => OrderedSample.Of(group.ToArray(), maxInstancesPerTask, capRandom))
            .ToArray();
        var held = validationFraction > 0 && tasks.Length > 1
            ? Math.Clamp((int)Math.Ceiling(validationFraction * tasks.Length), 1, tasks.Length - 1)
            : 0;
        var order = Enumerable.Range(0, tasks.Length).ToArray();
        new Random(seed).Shuffle(order);
        var validation = order.Take(held).Order().ToHashSet();
        var train = tasks.Where((_, index) => !validation.Contains(index)).SelectMany(task => task).ToList();
        var heldOut = tasks.Where((_, index) => validation.Contains(index)).SelectMany(task => task).ToList();
        return new TrainingSplit(train, heldOut, tasks.Length - held, held);
    }
}
