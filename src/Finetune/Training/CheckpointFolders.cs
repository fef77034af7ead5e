namespace SelfInstruct.Finetune.Training;

/// <summary>
/// The step checkpoints of an output folder, <c>checkpoint-000100</c> and so on. A checkpoint is written under a
/// hidden temporary name and renamed when every file is in place, so a folder with the final name is always
/// complete; a failed write (a full disk) leaves at most a temporary folder, which is never taken for a checkpoint.
/// </summary>
public sealed partial class CheckpointFolders
{
    public const string Prefix = "checkpoint-";

    private readonly string _output;

    public CheckpointFolders(string output)
    {
        _output = output;
    }

    /// <summary>Complete checkpoints, oldest first.</summary>
    public IReadOnlyList<(int Step, string Folder)> Complete() => Directory.Exists(_output)
        ? Directory.GetDirectories(_output)
            .Select(folder => (Match: StepName().Match(Path.GetFileName(folder)), Folder: folder))
            .Where(pair => pair.Match.Success)
            .Select(pair => (int.Parse(pair.Match.Groups[1].Value, CultureInfo.InvariantCulture), pair.Folder))
            .OrderBy(pair => pair.Item1)
            .ToList()
        : [];

    /// <summary>The newest complete checkpoint, or null.</summary>
    public string? Latest() => Complete() is { Count: > 0 } all ? all[^1].Folder : null;

    /// <summary>
    /// Fills a temporary folder with <paramref name="write"/> and renames it <paramref name="name"/>; on failure the
    /// temporary folder is removed and the exception passes on.
    /// </summary>
    public async Task<string> WriteAsync(
        string name, Func<string, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var target = Path.Combine(_output, name);
        var temporary = Path.Combine(_output, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            await write(temporary, cancellationToken);
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }
            Directory.Move(temporary, target);
            return target;
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }

    /// <summary>Deletes all but the newest <paramref name="keep"/> step checkpoints.</summary>
    public void Prune(int keep)
    {
        var all = Complete();
        foreach (var (_, folder) in all.Take(Math.Max(0, all.Count - keep)))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The folder name of step <paramref name="step"/>.</summary>
    public static string Name(int step) => $"{Prefix}{step:D6}";

    [GeneratedRegex(@"^checkpoint-(\d+)$")]
    private static partial Regex StepName();
}
