using static SelfInstruct.Evaluate.Reports.ReportContent;

namespace SelfInstruct.Evaluate.Reports;

/// <summary>The report's classification section: accuracy, macro accuracy and confusion matrices (ML.NET).</summary>
internal static class ReportClassification
{
    /// <summary>Adds the section when the set has classification tasks.</summary>
    public static void Add(List<ReportBlock> blocks, EvaluationResults results, string folder)
    {
        var tasks = results.Models[0].Classification.Select(metrics => metrics.TaskId).ToList();
        if (tasks.Count == 0)
        {
            return;
        }
        blocks.Add(ReportBlock.Heading("Classification tasks"));
        blocks.Add(ReportBlock.Paragraph("Tasks with a small label set. A prediction counts as the label it equals " +
            "after SuperNI's normalization, else as (other). Accuracy is the share right; macro accuracy the mean " +
            "over gold labels of the share of their instances right (ML.NET's multiclass evaluator)."));
        blocks.Add(ReportBlock.Table(
            ["task", .. results.Models.Select(model => $"{model.Name} accuracy (macro)")],
            tasks.Select((task, index) => (IReadOnlyList<string>)
            [
                task,
                .. results.Models.Select(model => $"{Number(100 * model.Classification[index].Accuracy)} " +
                    $"({Number(100 * model.Classification[index].MacroAccuracy)})"),
            ])));
        foreach (var model in results.Models)
        {
            foreach (var metrics in model.Classification)
            {
                var file = $"confusion-{Safe(model.Name)}-{Safe(metrics.TaskId)}.png";
                ReportPlots.ConfusionMatrix(Path.Combine(folder, file), $"{model.Name}: {metrics.TaskId}", metrics);
                blocks.Add(ReportBlock.Image($"Confusion matrix of {model.Name} on {metrics.TaskId}", file));
                blocks.Add(ReportBlock.Table(["gold \\ predicted", .. metrics.Labels],
                    metrics.Labels.Select((label, row) => (IReadOnlyList<string>)
                        [label, .. metrics.ConfusionMatrix[row].Select(Count)])));
            }
        }
    }
}
