namespace SelfInstruct.Evaluate.Reports;

/// <summary>
/// Builds report.md (PNGs beside it) and a self-contained report.html from an evaluation folder's results.json, with
/// predictions.parquet for length distributions and examples and, when the folder holds one, decontamination.json
/// for the training data's overlap with the set. Models are never run.
/// </summary>
public static class ReportWriter
{
    /// <summary>The Markdown report's file name.</summary>
    public const string MarkdownFileName = "report.md";

    /// <summary>The HTML report's file name.</summary>
    public const string HtmlFileName = "report.html";

    private const string Title = "SelfInstruct evaluation";

    /// <summary>Writes both reports and their plots; returns the files written.</summary>
    /// <exception cref="FileNotFoundException">The folder holds no results.json.</exception>
    public static async Task<ReportFiles> WriteAsync(string resultsFolder, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resultsFolder);
        var results = await ResultsFiles.ReadResultsAsync(resultsFolder, cancellationToken);
        var predictions = await ResultsFiles.ReadPredictionsAsync(resultsFolder, cancellationToken);
        var overlapFile = Path.Combine(resultsFolder, DecontaminationFiles.JsonFileName);
        var overlap = File.Exists(overlapFile)
            ? await DecontaminationFiles.ReadAsync(overlapFile, cancellationToken)
            : null;
        var blocks = ReportContent.Build(results, predictions, resultsFolder, overlap);
        var markdown = Path.Combine(resultsFolder, MarkdownFileName);
        await AtomicFile.WriteTextAsync(markdown, MarkdownRenderer.Render(Title, blocks), cancellationToken);
        var html = Path.Combine(resultsFolder, HtmlFileName);
        await AtomicFile.WriteTextAsync(html, HtmlRenderer.Render(Title, blocks, resultsFolder), cancellationToken);
        var plots = blocks.Where(block => block.Kind == ReportBlockKind.Image)
            .Select(block => Path.Combine(resultsFolder, block.ImageFile!))
            .ToList();
        return new ReportFiles(markdown, html, plots);
    }
}
