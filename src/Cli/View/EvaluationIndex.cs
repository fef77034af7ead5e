using Microsoft.AspNetCore.Http;
using SelfInstruct.Evaluate.Runs;

namespace SelfInstruct.Cli.View;

/// <summary>
/// predictions.parquet gathered per instance: the prompt, the references and every model's prediction with its
/// scores, and the last model's ROUGE-L minus the first's (the baseline), which sorts where tuning helped or hurt.
/// </summary>
internal sealed class EvaluationIndex
{
    private static readonly string[] _sorts = ["order", "difference"];

    private readonly List<EvaluationItem> _items;

    private EvaluationIndex(IReadOnlyList<string> models, List<EvaluationItem> items)
    {
        Models = models;
        _items = items;
    }

    /// <summary>Gathers the rows; models keep the order they were evaluated in, the baseline first.</summary>
    /// <exception cref="InvalidDataException">A row's references are not a JSON array of strings.</exception>
    public static EvaluationIndex Build(string path, IReadOnlyList<PredictionRow> rows)
    {
        var models = rows.Select(row => row.Model).Distinct(StringComparer.Ordinal).ToList();
        var items = rows.Select((row, number) => (row, number))
            .GroupBy(pair => (pair.row.TaskId, pair.row.InstanceId))
            .Select(group =>
            {
                var first = group.First().row;
                var predictions = group.Select(pair => new ModelPrediction(pair.row.Model, pair.row.Prediction,
                    pair.row.RougeL, pair.row.ExactMatch, pair.row.Judge)).ToList();
                return new EvaluationItem(first.TaskId, first.InstanceId, first.Category, first.Prompt,
                    References(path, group.First().number + 1, first.References), predictions,
                    predictions.Count > 1 ? predictions[^1].RougeL - predictions[0].RougeL : null);
            })
            .ToList();
        return new EvaluationIndex(models, items);
    }

    /// <summary>The models, baseline first.</summary>
    public IReadOnlyList<string> Models { get; }

    public int Count => _items.Count;

    /// <summary>
    /// A page of instances: <c>q</c> matches the task, prompt, references or a prediction; <c>sort</c> is order or
    /// difference (a leading '-' sorts descending: where tuning helped most first).
    /// </summary>
    public ViewPage<EvaluationItem>? Query(IQueryCollection query, out string? problem)
    {
        var sort = query["sort"].ToString() is { Length: > 0 } given ? given : "order";
        problem = TaskQuery.PageProblem(query, out var page, out var size)
            ?? (_sorts.Contains(sort.TrimStart('-')) ? null
                : $"sort: expected one of {string.Join(", ", _sorts)}, found '{sort}'");
        if (problem is not null)
        {
            return null;
        }
        var text = query["q"].ToString();
        var matches = _items.Where(item => text.Length == 0 || item.Contains(text)).ToList();
        IEnumerable<EvaluationItem> sorted = sort.TrimStart('-') == "difference"
            ? sort.StartsWith('-')
                ? matches.OrderByDescending(item => item.Difference ?? double.MinValue)
                : matches.OrderBy(item => item.Difference ?? double.MaxValue)
            : matches;
        return new ViewPage<EvaluationItem>(
            matches.Count, page, size, sorted.Skip((page - 1) * size).Take(size).ToList());
    }

    private static List<string> References(string path, int row, string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<string>>(json) ?? [];
        }
        catch (JsonException exception)
        {
            throw DataFormatError.In(path, $"row {row} references", "a JSON array of strings", exception.Message);
        }
    }
}

/// <summary>One instance of the evaluation with every model's answer.</summary>
/// <param name="TaskId">The evaluation task.</param>
/// <param name="InstanceId">The instance within it.</param>
/// <param name="Category">The task's category.</param>
/// <param name="Prompt">The prompt every model was asked.</param>
/// <param name="References">The gold outputs.</param>
/// <param name="Predictions">Every model's answer, baseline first.</param>
/// <param name="Difference">Last model's ROUGE-L minus the baseline's; null with one model.</param>
internal sealed record EvaluationItem(string TaskId, string InstanceId, string Category, string Prompt,
    IReadOnlyList<string> References, IReadOnlyList<ModelPrediction> Predictions, double? Difference)
{
    public bool Contains(string text) =>
        TaskId.Contains(text, StringComparison.OrdinalIgnoreCase)
        || Prompt.Contains(text, StringComparison.OrdinalIgnoreCase)
        || References.Any(reference => reference.Contains(text, StringComparison.OrdinalIgnoreCase))
        || Predictions.Any(prediction => prediction.Prediction.Contains(text, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One model's answer to an instance: ROUGE-L F 0..1, exact match 0 or 1, the judge's level or null.</summary>
internal sealed record ModelPrediction(string Model, string Prediction, double RougeL, int ExactMatch, string? Judge);
