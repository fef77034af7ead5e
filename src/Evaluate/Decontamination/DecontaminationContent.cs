using static SelfInstruct.Evaluate.Reports.ReportContent;

namespace SelfInstruct.Evaluate.Decontamination;

/// <summary>
/// decontamination.md's blocks: the method, counts per set, the closest pairs and every flagged task.
/// </summary>
public static class DecontaminationContent
{
    // Long SuperNI definitions are cut in the tables; the JSON report keeps them whole.
    private const int CellLength = 240;

    /// <summary>The blocks of the report.</summary>
    public static IReadOnlyList<ReportBlock> Build(DecontaminationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var blocks = new List<ReportBlock>
        {
            ReportBlock.Paragraph($"Dataset: {report.Dataset}: {Count(report.Tasks)} tasks, {Count(report.Rows)} " +
                $"rows. {Count(report.FlaggedTasks)} tasks overlap at least one evaluation set. " +
                Method(report.Settings) + " " + Outcome(report)),
            ReportBlock.Heading("Per evaluation set"),
            SetTable(report.Sets, report.Settings),
            ReportBlock.Heading($"The {Count(report.Closest.Count)} closest pairs"),
            PairTable(report.Closest),
            ReportBlock.Heading("Flagged tasks"),
        };
        blocks.Add(report.Flagged.Count == 0 ? ReportBlock.Paragraph("None.") : PairTable(report.Flagged));
        return blocks;
    }

    /// <summary>How a task is flagged, in one sentence.</summary>
    public static string Method(DecontaminationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return $"A task is flagged when its instruction's ROUGE-L F (no stemming) to an evaluation instruction is " +
            $"at least {Number(settings.RougeLThreshold)}, or when its instruction, an input or an output shares a " +
            $"run of {Count(settings.NGramLength)} lower-cased tokens with an evaluation instance's input or " +
            "reference (the GPT-3 paper's overlap check).";
    }

    /// <summary>What became of the flagged tasks.</summary>
    public static string Outcome(DecontaminationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.CleanedDataset is { } cleaned
            ? $"They were dropped: {cleaned} holds every other row."
            : "They were kept in the data: the check only counts them.";
    }

    /// <summary>One row per evaluation set: its size and how many tasks each check flagged.</summary>
    public static ReportBlock SetTable(IReadOnlyList<SetOverlap> sets, DecontaminationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(settings);
        return ReportBlock.Table(
            ["evaluation set", "kind", "tasks", "instances", "overlapping training tasks",
                $"ROUGE-L ≥ {Number(settings.RougeLThreshold)}", $"shared {Count(settings.NGramLength)}-gram"],
            sets.Select(set => (IReadOnlyList<string>)
            [
                set.Name, EnumNames.Name(set.Kind), Count(set.Tasks), Count(set.Instances), Count(set.FlaggedTasks),
                Count(set.ByRougeL), Count(set.ByNGram),
            ]));
    }

    /// <summary>Pairs side by side: the generated task, the evaluation task, and what they share.</summary>
    public static ReportBlock PairTable(IEnumerable<OverlapPair> pairs) => ReportBlock.Table(
        ["task", "instruction", "evaluation set", "evaluation task", "evaluation instruction", "ROUGE-L",
            "shared n-gram", "flagged"],
        pairs.Select(pair => (IReadOnlyList<string>)
        [
            pair.TaskId, Cut(pair.Instruction), pair.Set, pair.EvaluationTaskId, Cut(pair.EvaluationInstruction),
            Number(pair.RougeL), pair.SharedNGram is { } ngram ? $"{ngram} ({pair.EvaluationInstanceId})" : "",
            pair.Flagged ? "yes" : "no",
        ]));

    private static string Cut(string text) => text.Length <= CellLength ? text : text[..CellLength] + "…";
}
