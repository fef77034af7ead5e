namespace SelfInstruct.Evaluate.Decontamination;

/// <summary>
/// Reads the evaluation sets a dataset is checked against, telling the kind by the path: a folder is SuperNI task
/// files (any layout <see cref="SuperNiTaskFolder"/> reads, such as data/eval), a <c>.jsonl</c> file is tasks with
/// instances one per line (the user-oriented instructions, or seed tasks), and any other file is a dataset of ours
/// (.parquet, .json) whose every task counts. Every instance is read, not only the first 100 evaluated.
/// </summary>
public static class AgainstSets
{
    /// <summary>The set at <paramref name="path"/>, named by the path as given.</summary>
    /// <exception cref="FileNotFoundException">Nothing is at the path.</exception>
    /// <exception cref="InvalidDataException">The set is malformed.</exception>
    public static async Task<NamedEvaluationSet> LoadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            return new NamedEvaluationSet(path, SuperNiTaskFolder.Read(path, int.MaxValue));
        }
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"{path}: no such evaluation set (expected a SuperNI task folder, a .jsonl or a dataset file)", path);
        }
        var set = Path.GetExtension(path).Equals(".jsonl", StringComparison.OrdinalIgnoreCase)
            ? UserOrientedFile.Read(path, int.MaxValue)
            : await HeldOutDataset.ReadAsync(path, fraction: 1, int.MaxValue, cancellationToken);
        return new NamedEvaluationSet(path, set);
    }

    /// <summary>Every set, in order.</summary>
    public static async Task<IReadOnlyList<NamedEvaluationSet>> LoadAllAsync(
        IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var sets = new List<NamedEvaluationSet>();
        foreach (var path in paths)
        {
            sets.Add(await LoadAsync(path, cancellationToken));
        }
        return sets;
    }
}
