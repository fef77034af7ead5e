namespace SelfInstruct.Evaluate.Decontamination;

/// <summary>What a decontamination check found: counts per evaluation set, every flagged task, the closest pairs.
/// </summary>
/// <param name="Dataset">The dataset checked.</param>
/// <param name="Tasks">Its tasks (rows grouped by task id).</param>
/// <param name="Rows">Its rows (instances).</param>
/// <param name="Settings">The thresholds used.</param>
/// <param name="Sets">Per evaluation set, in the order given.</param>
/// <param name="FlaggedTasks">Distinct generated tasks flagged against any set.</param>
/// <param name="Flagged">Every (task, set) pair flagged, by task order then set order.</param>
/// <param name="Closest">The pairs of highest ROUGE-L, flagged or not, highest first.</param>
public sealed record DecontaminationReport(
    string Dataset,
    int Tasks,
    int Rows,
    DecontaminationSettings Settings,
    IReadOnlyList<SetOverlap> Sets,
    int FlaggedTasks,
    IReadOnlyList<OverlapPair> Flagged,
    IReadOnlyList<OverlapPair> Closest)
{
    /// <summary>The dataset written without the flagged tasks; null when they were only reported.</summary>
    public string? CleanedDataset { get; init; }

    /// <summary>The Markdown report written beside the JSON; null before it is written.</summary>
    public string? Markdown { get; init; }

    /// <summary>The ids of the flagged tasks.</summary>
    public IReadOnlySet<string> FlaggedTaskIds() =>
        Flagged.Select(pair => pair.TaskId).ToHashSet(StringComparer.Ordinal);
}
