using SelfInstruct.Evaluate.Decontamination;
using SelfInstruct.Evaluate.Reports;
using Spectre.Console;

namespace SelfInstruct.Cli.Pipeline;

/// <summary>The end of a pipeline run: where everything is, and the figures that say what the loop did.</summary>
public static class PipelineSummaryView
{
    /// <summary>Writes both tables.</summary>
    public static void Render(IAnsiConsole console, PipelinePlan plan, PipelineSummary summary)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(summary);
        var places = new Table().Title("where everything is").AddColumns("what", "path");
        void Place(string what, string path) => places.AddRow(Markup.Escape(what), Markup.Escape(path));
        Place("resolved config, stage ledger, summary",
            $"{Path.Combine(plan.Output, PipelineRun.ConfigFileName)}, {StageLedger.FileName}, " +
            PipelineSummary.FileName);
        if (plan.Config.Warmup.Enabled)
        {
            Place("warmed-up model (generator and base)", plan.ModelFolder);
        }
        Place("generated dataset, stats.md, plots", plan.DatasetFile);
        if (plan.Config.Decontaminate != DecontaminationMode.Off)
        {
            Place("overlap with the evaluation set", Path.Combine(plan.DecontaminateFolder,
                DecontaminationFiles.MarkdownFileName));
        }
        Place("tuned checkpoint, metrics.jsonl, loss.png", plan.TunedFolder);
        Place("report", Path.Combine(plan.EvaluateFolder, ReportWriter.HtmlFileName));
        console.Write(places);

        var figures = new Table().Title("what the loop did").AddColumns("figure", "value");
        figures.Columns[1].RightAligned();
        figures.AddRow("instructions proposed → kept",
            $"{Count(summary.InstructionsProposed)} → {Count(summary.InstructionsKept)}");
        figures.AddRow("instances", Count(summary.Instances));
        if (plan.Config.Warmup.Enabled)
        {
            figures.AddRow("warm-up loss, first → last",
                $"{Number(summary.WarmupFirstLoss, "F3")} → {Number(summary.WarmupLastLoss, "F3")}");
        }
        figures.AddRow("training loss, first → last",
            $"{Number(summary.FirstLoss, "F3")} → {Number(summary.LastLoss, "F3")}");
        if (plan.Config.Decontaminate != DecontaminationMode.Off)
        {
            figures.AddRow("training tasks overlapping the evaluation set",
                $"{Count(summary.OverlappingTasks)} of {Count(summary.CheckedTasks)}, " +
                (plan.Config.Decontaminate == DecontaminationMode.Drop ? "dropped" : "kept"));
        }
        figures.AddRow("ROUGE-L, base → tuned",
            $"{Number(summary.BaseRougeL, "F2")} → {Number(summary.TunedRougeL, "F2")}");
        figures.AddRow("difference, 95% interval, p", summary.Difference is { } difference
            ? Markup.Escape($"{Signed(difference.Mean)} [{Signed(difference.Lower)}, {Signed(difference.Upper)}], " +
                $"p = {difference.PValue.ToString("F3", CultureInfo.InvariantCulture)}")
            : "n/a");
        console.Write(figures);
    }

    private static string Count(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "n/a";

    private static string Number(double? value, string format) =>
        value?.ToString(format, CultureInfo.InvariantCulture) ?? "n/a";

    private static string Signed(double value) => value.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);
}
