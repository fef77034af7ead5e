namespace SelfInstruct.Evaluate.Reports;

/// <summary>
/// The report's content, built from results.json alone plus predictions.parquet for the output lengths and the
/// examples and the decontamination check's report for the overlap; plots are written into the folder as they are
/// referenced.
/// </summary>
public static class ReportContent
{
    private const int ExamplesPerComparison = 5;

    /// <summary>
    /// The blocks of the report; writes its PNGs into <paramref name="folder"/>. With <paramref name="overlap"/>, the
    /// training data's overlap with the set follows the comparison, beside the gain it qualifies.
    /// </summary>
    public static IReadOnlyList<ReportBlock> Build(EvaluationResults results, IReadOnlyList<PredictionRow> predictions,
        string folder, DecontaminationReport? overlap = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(predictions);
        var blocks = new List<ReportBlock>();
        Overview(blocks, results);
        Headline(blocks, results, folder);
        ReportComparisons.Add(blocks, results, folder);
        ReportOverlap.Add(blocks, overlap, folder);
        Categories(blocks, results, folder);
        Tasks(blocks, results);
        ReportClassification.Add(blocks, results, folder);
        Lengths(blocks, results, predictions, folder);
        Judge(blocks, results);
        Examples(blocks, results, predictions);
        return blocks;
    }

    /// <summary>A number with two decimals, invariant.</summary>
    public static string Number(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>An integer, invariant.</summary>
    public static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A file-name-safe form of a model or task name.</summary>
    public static string Safe(string name) =>
        string.Concat(name.Select(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '_'
            ? character
            : '_'));

    private static void Overview(List<ReportBlock> blocks, EvaluationResults results)
    {
        var set = results.Set;
        blocks.Add(ReportBlock.Paragraph(
            $"Set: {set.Kind} from {set.Source}: {Count(set.TaskCount)} tasks, {Count(set.InstanceCount)} instances" +
            (set.MissingTasks.Count > 0 ? $" ({Count(set.MissingTasks.Count)} listed tasks have no file here)" : "") +
            $". Prompt: {EnumNames.Name(results.Prompt)} ({results.PromptReason}). Decoding: " +
            $"{results.Decoding.Strategy}, at most {Count(results.Decoding.MaxNewTokens)} new tokens, the same for " +
            "every model. " + Metrics(results.Config.TextMode)));
    }

    private static string Metrics(TextMode mode) => mode == TextMode.English
        ? "Metrics: SuperNI's exact match and ROUGE-L (×100, higher is better), micro-averaged over instances as " +
            "the official script does."
        : "Metrics: text mode unicode, our extension for references in any language, so these are not SuperNI's " +
            "figures: exact match after NFKC and lower-casing without punctuation or symbols, and ROUGE-L over " +
            "Unicode tokens without stemming (×100, higher is better), micro-averaged over instances.";

    private static void Headline(List<ReportBlock> blocks, EvaluationResults results, string folder)
    {
        blocks.Add(ReportBlock.Heading("Headline"));
        blocks.Add(ReportBlock.Table(
            ["model", "spec", "exact match", "ROUGE-L", "instances", "empty", "truncated prompts", "hit max tokens"],
            results.Models.Select(model => (IReadOnlyList<string>)
            [
                model.Name, model.Spec, Number(model.Overall.ExactMatch), Number(model.Overall.RougeL),
                Count(model.Overall.Count), Count(model.EmptyPredictions), Count(model.TruncatedPrompts),
                Count(model.LengthLimited),
            ])));
        ReportPlots.GroupedBars(Path.Combine(folder, "headline.png"), "Overall SuperNI metrics", "×100",
            ["exact match", "ROUGE-L"],
            results.Models.Select(model => (model.Name,
                (IReadOnlyList<double>)[model.Overall.ExactMatch, model.Overall.RougeL])).ToList());
        blocks.Add(ReportBlock.Image("Overall exact match and ROUGE-L per model", "headline.png"));
    }

    private static void Categories(List<ReportBlock> blocks, EvaluationResults results, string folder)
    {
        var categories = results.Models[0].PerCategory.Select(group => group.Group).ToList();
        blocks.Add(ReportBlock.Heading("Per category"));
        blocks.Add(ReportBlock.Table(
            ["category", .. results.Models.Select(model => $"{model.Name} ROUGE-L (EM)")],
            categories.Select((category, index) => (IReadOnlyList<string>)
            [
                category,
                .. results.Models.Select(model =>
                    $"{Number(model.PerCategory[index].RougeL)} ({Number(model.PerCategory[index].ExactMatch)})"),
            ])));
        ReportPlots.GroupedBars(Path.Combine(folder, "categories.png"), "ROUGE-L per category", "ROUGE-L ×100",
            categories,
            results.Models.Select(model => (model.Name,
                (IReadOnlyList<double>)model.PerCategory.Select(group => group.RougeL).ToList())).ToList());
        blocks.Add(ReportBlock.Image("ROUGE-L per category and model", "categories.png"));
    }

    private static void Tasks(List<ReportBlock> blocks, EvaluationResults results)
    {
        blocks.Add(ReportBlock.Heading("Per task"));
        blocks.Add(ReportBlock.Table(
            ["task", "category", "instances", .. results.Models.Select(model => $"{model.Name} ROUGE-L (EM)")],
            results.Models[0].PerTask.Select((task, index) => (IReadOnlyList<string>)
            [
                task.Group, task.Category ?? "", Count(task.Count),
                .. results.Models.Select(model =>
                    $"{Number(model.PerTask[index].RougeL)} ({Number(model.PerTask[index].ExactMatch)})"),
            ])));
    }

    private static void Lengths(List<ReportBlock> blocks, EvaluationResults results,
        IReadOnlyList<PredictionRow> predictions, string folder)
    {
        blocks.Add(ReportBlock.Heading("Output lengths"));
        blocks.Add(ReportBlock.Table(["model", "mean words per prediction"],
            results.Models.Select(model => (IReadOnlyList<string>)[model.Name, Number(model.MeanOutputWords)])));
        if (predictions.Count == 0)
        {
            blocks.Add(ReportBlock.Paragraph("predictions.parquet is absent, so the length distribution is left out."));
            return;
        }
        var bins = new[] { 0, 1, 2, 3, 5, 10, 20, 50, 100 };
        var labels = bins.Select((low, index) => index == bins.Length - 1 ? $"{low}+"
            : bins[index + 1] - low == 1 ? $"{low}" : $"{low}-{bins[index + 1] - 1}").ToList();
        ReportPlots.GroupedBars(Path.Combine(folder, "output-lengths.png"), "Prediction length", "predictions",
            labels, results.Models.Select(model => (model.Name, (IReadOnlyList<double>)bins.Select((low, index) =>
                (double)predictions.Count(row => row.Model == model.Name && row.OutputWords >= low &&
                    (index == bins.Length - 1 || row.OutputWords < bins[index + 1]))).ToList())).ToList());
        blocks.Add(ReportBlock.Image("Distribution of prediction lengths in words", "output-lengths.png"));
    }

    private static void Judge(List<ReportBlock> blocks, EvaluationResults results)
    {
        if (results.Models.All(model => model.Judge is null))
        {
            return;
        }
        blocks.Add(ReportBlock.Heading("Judge ratings"));
        blocks.Add(ReportBlock.Paragraph($"{results.Config.Judge} rated each response: A valid and satisfying, B " +
            "minor imperfections, C significant errors, D irrelevant or invalid; ? when its reply named no level."));
        blocks.Add(ReportBlock.Table(["model", "A", "B", "C", "D", "?"],
            results.Models.Where(model => model.Judge is not null).Select(model => (IReadOnlyList<string>)
            [
                model.Name, Count(model.Judge!.A), Count(model.Judge.B), Count(model.Judge.C), Count(model.Judge.D),
                Count(model.Judge.Unrated),
            ])));
    }

    private static void Examples(List<ReportBlock> blocks, EvaluationResults results,
        IReadOnlyList<PredictionRow> predictions)
    {
        if (predictions.Count == 0 || results.Comparisons.Count == 0)
        {
            return;
        }
        blocks.Add(ReportBlock.Heading("Examples where the models differ most"));
        foreach (var comparison in results.Comparisons)
        {
            var baseline = predictions.Where(row => row.Model == comparison.Baseline)
                .ToDictionary(row => row.InstanceId, StringComparer.Ordinal);
            var pairs = predictions
                .Where(row => row.Model == comparison.Candidate && baseline.ContainsKey(row.InstanceId))
                .Select(row => (Candidate: row, Baseline: baseline[row.InstanceId]))
                .OrderByDescending(pair => Math.Abs(pair.Candidate.RougeL - pair.Baseline.RougeL))
                .ThenBy(pair => pair.Candidate.InstanceId, StringComparer.Ordinal)
                .Take(ExamplesPerComparison);
            foreach (var (candidate, other) in pairs)
            {
                var references = JsonSerializer.Deserialize<string[]>(candidate.References) ?? [];
                blocks.Add(ReportBlock.Paragraph($"{candidate.InstanceId} ({candidate.TaskId}): " +
                    $"{comparison.Candidate} ROUGE-L {Number(100 * candidate.RougeL)}, {comparison.Baseline} " +
                    $"{Number(100 * other.RougeL)}"));
                blocks.Add(ReportBlock.Code(
                    $"PROMPT (end)\n{Tail(candidate.Prompt)}\n\nREFERENCE\n{string.Join("\n", references)}\n\n" +
                    $"{comparison.Candidate}\n{candidate.Prediction}\n\n{comparison.Baseline}\n{other.Prediction}"));
            }
        }
    }

    private static string Tail(string prompt) => prompt.Length <= 600 ? prompt : "..." + prompt[^600..];
}
