using static SelfInstruct.Evaluate.Reports.ReportContent;

namespace SelfInstruct.Evaluate.Reports;

/// <summary>
/// The report's overlap section: how many training tasks overlapped each evaluation set, and the closest pairs,
/// so the gain above is read knowing how much of the set the tuned model may have seen.
/// </summary>
internal static class ReportOverlap
{
    private const int PairsShown = 5;

    /// <summary>Adds the section when there is a decontamination report.</summary>
    public static void Add(List<ReportBlock> blocks, DecontaminationReport? overlap, string folder)
    {
        if (overlap is null)
        {
            return;
        }
        var details = overlap.Markdown is { } markdown
            ? $" Every flagged task and the {Count(overlap.Closest.Count)} closest pairs: " +
                Path.GetRelativePath(folder, markdown) + "."
            : "";
        blocks.Add(ReportBlock.Heading("Overlap of the training data with the evaluation set"));
        blocks.Add(ReportBlock.Paragraph($"{Count(overlap.FlaggedTasks)} of {Count(overlap.Tasks)} training tasks " +
            $"({overlap.Dataset}) overlap the evaluation set. {DecontaminationContent.Method(overlap.Settings)} " +
            DecontaminationContent.Outcome(overlap) + details));
        blocks.Add(DecontaminationContent.SetTable(overlap.Sets, overlap.Settings));
        if (overlap.Closest.Count > 0)
        {
            blocks.Add(ReportBlock.Paragraph($"The {Count(Math.Min(PairsShown, overlap.Closest.Count))} closest " +
                "pairs:"));
            blocks.Add(DecontaminationContent.PairTable(overlap.Closest.Take(PairsShown)));
        }
    }
}
