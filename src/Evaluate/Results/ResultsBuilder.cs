namespace SelfInstruct.Evaluate.Results;

/// <summary>Turns scored predictions into the aggregate records of results.json.</summary>
public static class ResultsBuilder
{
    /// <summary>One model's metrics; <paramref name="scored"/> holds every instance of the set in set order.</summary>
    public static ModelResult Model(
        string name, string spec, string? storedPromptFormat, IReadOnlyList<ScoredPrediction> scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var scores = scored.Select(item => item.Score).ToList();
        var overall = SuperNiMetric.Aggregate(scores);
        var categories = SuperNiMetric.AggregateBy(
            scores, scored.Select(item => SuperNiMetric.CategoryKey(item.Task.Category)).ToList());
        var tasks = SuperNiMetric.AggregateBy(scores, scored.Select(item => item.Task.Id).ToList());
        var categoryOf = scored.Select(item => item.Task).DistinctBy(task => task.Id)
            .ToDictionary(task => task.Id, task => task.Category, StringComparer.Ordinal);
        var judged = scored.Where(item => item.JudgeLevel is not null).ToList();
        return new ModelResult(
            name,
            spec,
            storedPromptFormat,
            Group("overall", null, overall),
            categories.Select(pair => Group(pair.Group, null, pair.Metrics)).ToList(),
            tasks.Select(pair => Group(pair.Group, categoryOf[pair.Group], pair.Metrics)).ToList(),
            Classification(scored),
            scored.Count(item => item.Record.Prediction.Length == 0),
            scored.Count(item => item.Record.Truncated),
            scored.Count(item => item.Record.FinishReason == "length"),
            Math.Round(scored.Average(item => item.OutputWords), 4),
            judged.Count == 0 ? null : Judge(judged));
    }

    /// <summary>A candidate against the baseline over the same instances in the same order.</summary>
    public static ModelComparison Compare(
        ModelResult baseline,
        IReadOnlyList<ScoredPrediction> baselineScores,
        ModelResult candidate,
        IReadOnlyList<ScoredPrediction> candidateScores,
        EvaluationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var rougeL = PairedBootstrap.Compare(Points(baselineScores, score => score.RougeL),
            Points(candidateScores, score => score.RougeL), config.BootstrapResamples, config.Seed);
        var exactMatch = PairedBootstrap.Compare(Points(baselineScores, score => score.ExactMatch),
            Points(candidateScores, score => score.ExactMatch), config.BootstrapResamples, config.Seed);
        var tasks = baseline.PerTask.Zip(candidate.PerTask, (b, c) =>
                new TaskDelta(b.Group, b.Category ?? "", b.RougeL, c.RougeL, Math.Round(c.RougeL - b.RougeL, 4)))
            .OrderByDescending(delta => delta.Delta)
            .ThenBy(delta => delta.TaskId, StringComparer.Ordinal)
            .ToList();
        return new ModelComparison(
            baseline.Name,
            candidate.Name,
            rougeL,
            exactMatch,
            tasks.Count(delta => delta.Delta > config.TieTolerance),
            tasks.Count(delta => Math.Abs(delta.Delta) <= config.TieTolerance),
            tasks.Count(delta => delta.Delta < -config.TieTolerance),
            config.TieTolerance,
            tasks);
    }

    private static GroupMetrics Group(string group, string? category, SuperNiMetrics metrics) =>
        new(group, category, metrics.ExactMatch, metrics.RougeL, metrics.Count);

    private static List<double> Points(IReadOnlyList<ScoredPrediction> scored, Func<SuperNiScore, double> value) =>
        scored.Select(item => 100.0 * value(item.Score)).ToList();

    private static List<ClassificationMetrics> Classification(IReadOnlyList<ScoredPrediction> scored) =>
        scored.GroupBy(item => item.Task.Id, StringComparer.Ordinal)
            .Select(group => (Task: group.First().Task, Items: group.ToList()))
            .Where(pair => pair.Task.Labels is not null)
            .Select(pair => ClassificationOf(pair.Task, pair.Task.Labels!, pair.Items))
            .ToList();

    private static ClassificationMetrics ClassificationOf(
        EvaluationTask task, IReadOnlyList<string> labels, IReadOnlyList<ScoredPrediction> items)
    {
        var normalized = labels.Select(SuperNiMetric.NormalizeAnswer).ToList();
        int IndexOf(string text)
        {
            var index = normalized.IndexOf(SuperNiMetric.NormalizeAnswer(text));
            return index < 0 ? labels.Count : index;
        }
        var pairs = items.Select(item => (IndexOf(item.Instance.References[0]), IndexOf(item.Record.Prediction)))
            .ToList();
        return MlNetClassification.Evaluate(task.Id, [.. labels, ClassificationMetrics.OtherLabel], pairs);
    }

    private static JudgeCounts Judge(IReadOnlyList<ScoredPrediction> judged) => new(
        judged.Count(item => item.JudgeLevel == "A"),
        judged.Count(item => item.JudgeLevel == "B"),
        judged.Count(item => item.JudgeLevel == "C"),
        judged.Count(item => item.JudgeLevel == "D"),
        judged.Count(item => item.JudgeLevel == "?"));
}
