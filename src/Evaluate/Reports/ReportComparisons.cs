using static SelfInstruct.Evaluate.Reports.ReportContent;

namespace SelfInstruct.Evaluate.Reports;

/// <summary>The report's comparison section: differences with intervals, win/tie/loss, per-task deltas.</summary>
internal static class ReportComparisons
{
    /// <summary>Adds the section when there are at least two models.</summary>
    public static void Add(List<ReportBlock> blocks, EvaluationResults results, string folder)
    {
        if (results.Comparisons.Count == 0)
        {
            return;
        }
        blocks.Add(ReportBlock.Heading("Compared with the baseline"));
        blocks.Add(ReportBlock.Paragraph($"Differences are candidate − baseline ({results.Comparisons[0].Baseline}) " +
            "in points (×100). The interval is the 2.5th to 97.5th percentile of " +
            $"{results.Config.BootstrapResamples} paired bootstrap resamples of the instances (seed " +
            $"{results.Config.Seed}); p is two-sided. A task is won or lost when its ROUGE-L differs by more than " +
            $"{Number(results.Config.TieTolerance)} points, else tied."));
        blocks.Add(ReportBlock.Table(
            ["candidate", "ROUGE-L difference", "95% interval", "p", "exact match difference", "95% interval", "p",
                "tasks won / tied / lost"],
            results.Comparisons.Select(comparison => (IReadOnlyList<string>)
            [
                comparison.Candidate, Signed(comparison.RougeL.Mean),
                $"[{Number(comparison.RougeL.Lower)}, {Number(comparison.RougeL.Upper)}]",
                PValue(comparison.RougeL.PValue), Signed(comparison.ExactMatch.Mean),
                $"[{Number(comparison.ExactMatch.Lower)}, {Number(comparison.ExactMatch.Upper)}]",
                PValue(comparison.ExactMatch.PValue),
                $"{comparison.Wins} / {comparison.Ties} / {comparison.Losses}",
            ])));
        ReportPlots.GroupedBars(Path.Combine(folder, "win-tie-loss.png"), "Tasks won, tied and lost against " +
            results.Comparisons[0].Baseline, "tasks", ["won", "tied", "lost"],
            results.Comparisons.Select(comparison => (comparison.Candidate,
                (IReadOnlyList<double>)[comparison.Wins, comparison.Ties, comparison.Losses])).ToList());
        blocks.Add(ReportBlock.Image("Per-task win/tie/loss on ROUGE-L", "win-tie-loss.png"));
        foreach (var comparison in results.Comparisons)
        {
            var file = $"task-deltas-{Safe(comparison.Candidate)}.png";
            ReportPlots.SignedBars(Path.Combine(folder, file),
                $"ROUGE-L per task: {comparison.Candidate} − {comparison.Baseline}", "points",
                comparison.Tasks.Select(task => (task.TaskId, task.Delta)).ToList());
            blocks.Add(ReportBlock.Image($"Per-task ROUGE-L deltas of {comparison.Candidate}, sorted", file));
        }
    }

    private static string Signed(double value) =>
        (value > 0 ? "+" : "") + Number(value);

    private static string PValue(double value) =>
        value.ToString("0.000", CultureInfo.InvariantCulture);
}
