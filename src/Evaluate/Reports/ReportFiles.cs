namespace SelfInstruct.Evaluate.Reports;

/// <summary>The files a report was written to.</summary>
/// <param name="Markdown">report.md.</param>
/// <param name="Html">report.html, self-contained.</param>
/// <param name="Plots">The PNGs beside report.md.</param>
public sealed record ReportFiles(string Markdown, string Html, IReadOnlyList<string> Plots);
