using SelfInstruct.Evaluate.Configuration;
using SelfInstruct.Evaluate.Results;
using SelfInstruct.Evaluate.Runs;
using SelfInstruct.Evaluate.Sets;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Evaluate.Results;

public sealed class ResultsBuilderTests
{
    [SharedDataFact]
    public void Aggregates_a_model_overall_per_category_and_per_task_as_the_official_script()
    {
        var scored = File.ReadLines(SharedData.PathTo("data/rouge/superni_metric_cases.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(item => Scored(
                item.GetProperty("task_id").GetString()!,
                item.GetProperty("task_category").GetString()!,
                item.GetProperty("id").GetString()!,
                item.GetProperty("prediction").GetString()!,
                item.GetProperty("references").EnumerateArray().Select(value => value.GetString()!).ToList()))
            .ToList();
        using var aggregates = JsonDocument.Parse(
            File.ReadAllText(SharedData.PathTo("data/rouge/superni_metric_aggregates.json")));
        var expected = aggregates.RootElement;

        var result = ResultsBuilder.Model("model", "spec", null, scored);

        Assert.Equal(expected.GetProperty("overall").GetProperty("exact_match").GetDouble(), result.Overall.ExactMatch);
        Assert.Equal(expected.GetProperty("overall").GetProperty("rougeL").GetDouble(), result.Overall.RougeL);
        Assert.Equal(500, result.Overall.Count);
        Assert.Equal(Golden(expected.GetProperty("per_category")), Flatten(result.PerCategory));
        Assert.Equal(Golden(expected.GetProperty("per_task")), Flatten(result.PerTask));
    }

    [Fact]
    public void Scores_an_empty_prediction_zero_and_counts_it()
    {
        var scored = new[] { Scored("t", "c", "i1", "", ["yes"]), Scored("t", "c", "i2", "yes", ["yes"]) };

        var result = ResultsBuilder.Model("model", "spec", null, scored);

        Assert.Equal(1, result.EmptyPredictions);
        Assert.Equal(2, result.Overall.Count);
        Assert.Equal(50, result.Overall.RougeL);
    }

    [Fact]
    public void Counts_tasks_won_tied_and_lost_beyond_the_tie_tolerance()
    {
        string[] tasks = ["a", "b", "c"];
        var baseline = tasks.Select(task => Scored(task, "c", task, "the cat sat", ["the cat sat"])).ToList();
        var candidate = new[]
        {
            Scored("a", "c", "a", "the cat sat", ["the cat sat"]),
            Scored("b", "c", "b", "a dog", ["the cat sat"]),
            Scored("c", "c", "c", "the cat sat", ["the cat sat"]),
        };
        var config = new EvaluationConfig { TieTolerance = 1.0 };

        var comparison = ResultsBuilder.Compare(ResultsBuilder.Model("base", "", null, baseline), baseline,
            ResultsBuilder.Model("tuned", "", null, candidate), candidate, config);

        Assert.Equal((0, 2, 1), (comparison.Wins, comparison.Ties, comparison.Losses));
        Assert.Equal("b", comparison.Tasks[^1].TaskId);
        Assert.Equal(-100, comparison.Tasks[^1].Delta);
    }

    private static ScoredPrediction Scored(
        string taskId, string category, string id, string prediction, IReadOnlyList<string> references)
    {
        var instance = new EvaluationInstance(id, "", references);
        return new ScoredPrediction(new EvaluationTask(taskId, category, "", [], [instance], null), instance, "",
            new PredictionRecord("model", "f", id, prediction, "stop", null, null, false),
            SuperNiMetric.Score(prediction, references));
    }

    private static Dictionary<string, double> Golden(JsonElement element) =>
        element.EnumerateObject().ToDictionary(property => property.Name, property => property.Value.GetDouble());

    private static Dictionary<string, double> Flatten(IEnumerable<SelfInstruct.Evaluate.Metrics.GroupMetrics> groups) =>
        groups.SelectMany(group => new[]
        {
            ($"exact_match_for_{group.Group}", group.ExactMatch),
            ($"rougeL_for_{group.Group}", group.RougeL),
        }).ToDictionary(pair => pair.Item1, pair => pair.Item2);
}
