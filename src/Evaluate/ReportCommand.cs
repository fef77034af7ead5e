using System.CommandLine;
using Spectre.Console;

namespace SelfInstruct.Evaluate;

/// <summary><c>selfinstruct report RESULTS_DIR</c>: rebuilds report.md and report.html from results.json.</summary>
public sealed class ReportCommand : Command
{
    private readonly IAnsiConsole _console;

    private readonly Argument<DirectoryInfo> _folder = new("RESULTS_DIR")
    {
        Description = "An evaluation output folder holding results.json (and predictions.parquet).",
    };

    public ReportCommand(IAnsiConsole console)
        : base("report", "Rebuild an evaluation's report.md and report.html from its results, without running models.")
    {
        _console = console;
        Arguments.Add(_folder);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var folder = parseResult.GetRequiredValue(_folder).FullName;
        var report = await ReportWriter.WriteAsync(folder, cancellationToken);
        var results = await ResultsFiles.ReadResultsAsync(folder, cancellationToken);
        EvaluationSummaryView.Render(_console, results);
        _console.MarkupLine($"Wrote {Markup.Escape(ReportWriter.MarkdownFileName)} and " +
            $"[bold]{Markup.Escape(report.Html)}[/].");
        return 0;
    }
}
