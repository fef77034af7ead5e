namespace SelfInstruct.Core.Curation;

/// <summary>A dataset with its curation log applied, and how many of the log's edits found their task.</summary>
/// <param name="Dataset">The rows after the edits, rejected tasks left out; the metadata as read.</param>
/// <param name="Applied">Edits whose task (and instance) exists in the dataset.</param>
/// <param name="Logged">Edits in the log.</param>
/// <param name="RejectedTasks">Tasks left out because an edit rejected them.</param>
public sealed record CuratedDataset(DatasetFile Dataset, int Applied, int Logged, int RejectedTasks)
{
    /// <summary>
    /// Metadata key of a file written with its curation applied (the count of edits), so the log beside it is not
    /// applied a second time.
    /// </summary>
    public const string MetadataKey = "selfinstruct.curation_edits_applied";

    /// <summary>
    /// Applies the <c>curation.jsonl</c> beside <paramref name="datasetPath"/>, when there is one, to the dataset
    /// read from it, unless the file is itself a curated one.
    /// </summary>
    /// <exception cref="InvalidDataException">A line of the log is not a usable edit.</exception>
    public static CuratedDataset Beside(string datasetPath, DatasetFile dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return dataset.Metadata.ContainsKey(MetadataKey)
            ? new CuratedDataset(dataset, 0, 0, 0)
            : Apply(dataset, CurationLog.Read(CurationLog.PathBeside(datasetPath)));
    }

    /// <summary>
    /// What training on <paramref name="datasetPath"/> applies of the log beside it, as a console line such as
    /// "curation.jsonl: applied 4 of 6 curation edits (…)"; null without a log.
    /// </summary>
    /// <exception cref="InvalidDataException">The dataset or a line of the log is malformed.</exception>
    public static async Task<string?> DescribeBesideAsync(string datasetPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(CurationLog.PathBeside(datasetPath)))
        {
            return null;
        }
        var dataset = await DatasetFiles.ReadAsync(datasetPath, null, cancellationToken);
        return $"{CurationLog.FileName}: {Beside(datasetPath, dataset).Summary}";
    }

    /// <summary>The curated dataset, marked in its metadata as curated, for writing to a file.</summary>
    public DatasetFile ToFile() => Dataset with
    {
        Metadata = new Dictionary<string, string>(Dataset.Metadata)
        {
            [MetadataKey] = Applied.ToString(CultureInfo.InvariantCulture),
        },
    };

    /// <summary>A line for the console such as "applied 4 of 6 curation edits (1 task rejected)".</summary>
    public string Summary =>
        $"applied {Applied} of {Logged} curation edits ({RejectedTasks} task{(RejectedTasks == 1 ? "" : "s")} " +
        "rejected); edits whose task or instance the dataset lacks are skipped";

    /// <summary>
    /// Applies <paramref name="edits"/> in order (a later edit of the same field wins) to copies of the rows; an
    /// instance is a task's row at that position in file order.
    /// </summary>
    public static CuratedDataset Apply(DatasetFile dataset, IReadOnlyList<CurationEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(edits);
        var rows = dataset.Rows.Select(row => row with { }).ToList();
        var byTask = rows.GroupBy(row => row.TaskId, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.ToList(), StringComparer.Ordinal);
        var rejected = new HashSet<string>(StringComparer.Ordinal);
        var applied = 0;
        foreach (var edit in edits)
        {
            if (byTask.TryGetValue(edit.TaskId, out var taskRows) && TryApply(edit, taskRows, rejected))
            {
                applied++;
            }
        }
        var kept = rows.Where(row => !rejected.Contains(row.TaskId)).ToList();
        return new CuratedDataset(dataset with { Rows = kept }, applied, edits.Count, rejected.Count);
    }

    private static bool TryApply(CurationEdit edit, List<DatasetRow> taskRows, HashSet<string> rejected)
    {
        switch (edit.Action, edit.Field)
        {
            case (CurationAction.Reject, _):
                rejected.Add(edit.TaskId);
                return true;
            case (CurationAction.Edit, CurationField.Instruction):
                taskRows.ForEach(row => row.Instruction = edit.After!);
                return true;
            case (CurationAction.Edit, CurationField.Input) when edit.Instance < taskRows.Count:
                taskRows[edit.Instance.Value].Input = edit.After!;
                return true;
            case (CurationAction.Edit, CurationField.Output) when edit.Instance < taskRows.Count:
                taskRows[edit.Instance.Value].Output = edit.After!;
                return true;
            default:
                return false;
        }
    }
}
