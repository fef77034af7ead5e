namespace SelfInstruct.Evaluate.Decontamination;

/// <summary>
/// decontamination.json and decontamination.md in a folder, written atomically, and the dataset without the flagged
/// tasks.
/// </summary>
public static class DecontaminationFiles
{
    /// <summary>The JSON report's file name; the evaluation report shows it when its folder holds one.</summary>
    public const string JsonFileName = "decontamination.json";

    /// <summary>The Markdown report's file name.</summary>
    public const string MarkdownFileName = "decontamination.md";

    /// <summary>Writes both reports into <paramref name="folder"/>; returns the report as written.</summary>
    public static async Task<DecontaminationReport> WriteAsync(
        string folder, DecontaminationReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(folder);
        var markdown = Path.GetFullPath(Path.Combine(folder, MarkdownFileName));
        report = report with { Markdown = markdown };
        await AtomicFile.WriteTextAsync(markdown,
            MarkdownRenderer.Render("Decontamination", DecontaminationContent.Build(report)), cancellationToken);
        await AtomicFile.WriteJsonAsync(Path.Combine(folder, JsonFileName), report, EvaluationConfigFile.Options,
            cancellationToken);
        return report;
    }

    /// <summary>Reads a JSON report.</summary>
    /// <exception cref="InvalidDataException">The file is not a decontamination report.</exception>
    public static async Task<DecontaminationReport> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        try
        {
            return await JsonSerializer.DeserializeAsync<DecontaminationReport>(
                    stream, EvaluationConfigFile.Options, cancellationToken)
                ?? throw DataFormatError.In(path, "(root)", "a decontamination report", "null");
        }
        catch (JsonException exception)
        {
            throw DataFormatError.In(path, exception.Path ?? "(root)", "a decontamination report", exception.Message);
        }
    }

    /// <summary>
    /// Writes <paramref name="dataset"/> without the tasks <paramref name="taskIds"/> to <paramref name="path"/>
    /// (format from the extension); every other row and the metadata are kept as they are.
    /// </summary>
    public static Task WriteWithoutAsync(string path, DatasetFile dataset, IReadOnlySet<string> taskIds,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(taskIds);
        var kept = dataset.Rows.Where(row => !taskIds.Contains(row.TaskId)).ToList();
        return DatasetFiles.WriteAsync(path, dataset with { Rows = kept }, null, cancellationToken);
    }
}
