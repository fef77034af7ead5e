using SelfInstruct.Evaluate.Runs;

namespace SelfInstruct.Cli.View;

/// <summary>Everything the view serves from one run folder, read once at start.</summary>
/// <param name="Folder">The folder and what kind it is.</param>
/// <param name="Dataset">The tasks with the curation log applied; null for an evaluate folder.</param>
/// <param name="Journal">The generation journal's similar instructions, requests and rejection counts.</param>
/// <param name="Evaluation">The predictions; null before an evaluation ran.</param>
/// <param name="Plots">The run's PNG plots, as paths relative to the folder.</param>
internal sealed record RunContents(
    RunFolder Folder, DatasetIndex? Dataset, JournalDigest Journal, EvaluationIndex? Evaluation,
    IReadOnlyList<string> Plots)
{
    /// <summary>The curation log of the dataset, or null without a dataset.</summary>
    public string? CurationLogPath => Folder.DatasetFile is { } dataset ? CurationLog.PathBeside(dataset) : null;

    /// <summary>Reads the dataset, the curation log, the journal and the predictions the folder holds.</summary>
    /// <exception cref="InvalidDataException">The folder holds no run, or a file in it is malformed.</exception>
    public static async Task<RunContents> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var folder = RunFolder.Detect(path);
        // The journal is the larger read (every accepted task with its instances and similar instructions), so it
        // runs beside the dataset's.
        var journalRead = Task.Run(() => folder.GenerateFolder is { } generate
            ? JournalDigest.Read(generate)
            : JournalDigest.Empty, cancellationToken);
        var file = folder.DatasetFile is { } datasetFile
            ? await ParquetDatasetStore.ReadAsync(datasetFile, cancellationToken)
            : null;
        var journal = await journalRead;
        var dataset = file is null ? null
            : DatasetIndex.Build(file, CurationLog.Read(CurationLog.PathBeside(folder.DatasetFile!)), journal);
        EvaluationIndex? evaluation = null;
        if (folder.EvaluateFolder is { } evaluate)
        {
            var rows = await ResultsFiles.ReadPredictionsAsync(evaluate, cancellationToken);
            evaluation = EvaluationIndex.Build(Path.Combine(evaluate, ResultsFiles.PredictionsFileName), rows);
        }
        return new RunContents(folder, dataset, journal, evaluation, PlotsIn(folder));
    }

    private static List<string> PlotsIn(RunFolder folder) =>
        new[] { folder.GenerateFolder, folder.EvaluateFolder }
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Where(Directory.Exists)
            .SelectMany(directory => Directory.GetFiles(directory, "*.png").Order(StringComparer.Ordinal))
            .Select(file => Path.GetRelativePath(folder.Root, file).Replace(Path.DirectorySeparatorChar, '/'))
            .ToList();
}
