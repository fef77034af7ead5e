using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Core.Rouge;

/// <summary>The SuperNI metric cases and aggregates in ../shared/data/rouge, from the official script.</summary>
public sealed class SuperNiMetricGoldenTests
{
    [SharedDataFact]
    public void Normalizes_answers_as_the_official_script_does()
    {
        var cases = ReadCases();

        var mismatches = cases
            .Where(item =>
                SuperNiMetric.NormalizeAnswer(item.GetProperty("prediction").GetString()!) !=
                    item.GetProperty("normalized_prediction").GetString() ||
                !Strings(item, "references").Select(SuperNiMetric.NormalizeAnswer)
                    .SequenceEqual(Strings(item, "normalized_references")))
            .Select(item => item.GetProperty("id").GetString())
            .ToList();

        Assert.Equal(500, cases.Count);
        Assert.Empty(mismatches);
    }

    [SharedDataFact]
    public void Scores_every_case_and_every_reference_exactly()
    {
        var cases = ReadCases();

        var mismatches = new List<string>();
        foreach (var item in cases)
        {
            var prediction = item.GetProperty("prediction").GetString()!;
            var references = Strings(item, "references").ToList();
            var score = SuperNiMetric.Score(prediction, references);
            var perReference = item.GetProperty("per_reference").EnumerateArray().ToList();
            var perReferenceMatches = references.Select((reference, index) =>
                SuperNiMetric.Score(prediction, [reference]) == new SuperNiScore(
                    perReference[index].GetProperty("exact_match").GetInt32(),
                    perReference[index].GetProperty("rougeL").GetDouble()));
            var expected = new SuperNiScore(
                item.GetProperty("exact_match").GetInt32(), item.GetProperty("rougeL").GetDouble());
            if (score != expected || !perReferenceMatches.All(match => match))
            {
                mismatches.Add($"{item.GetProperty("id").GetString()}: {score}");
            }
        }

        Assert.Empty(mismatches);
    }

    [SharedDataFact]
    public void Aggregates_overall_per_category_and_per_task_with_the_official_rounding()
    {
        var cases = ReadCases();
        var scores = cases.Select(item => SuperNiMetric.Score(
            item.GetProperty("prediction").GetString()!, Strings(item, "references").ToList())).ToList();
        using var aggregates = JsonDocument.Parse(
            File.ReadAllText(SharedData.PathTo("data/rouge/superni_metric_aggregates.json")));
        var expected = aggregates.RootElement;

        var overall = SuperNiMetric.Aggregate(scores);
        var perCategory = SuperNiMetric.AggregateBy(
            scores, cases.Select(item => SuperNiMetric.CategoryKey(item.GetProperty("task_category").GetString()!))
                .ToList());
        var perTask = SuperNiMetric.AggregateBy(
            scores, cases.Select(item => item.GetProperty("task_id").GetString()!).ToList());

        Assert.Equal(expected.GetProperty("overall").GetProperty("exact_match").GetDouble(), overall.ExactMatch);
        Assert.Equal(expected.GetProperty("overall").GetProperty("rougeL").GetDouble(), overall.RougeL);
        AssertGroups(expected.GetProperty("per_category"), perCategory);
        AssertGroups(expected.GetProperty("per_task"), perTask);
    }

    private static void AssertGroups(JsonElement expected, IReadOnlyList<(string Group, SuperNiMetrics Metrics)> actual)
    {
        var flattened = actual
            .SelectMany(group => new[]
            {
                ($"exact_match_for_{group.Group}", group.Metrics.ExactMatch),
                ($"rougeL_for_{group.Group}", group.Metrics.RougeL),
            })
            .ToList();
        var golden = expected.EnumerateObject()
            .Select(property => (property.Name, property.Value.GetDouble()))
            .ToList();
        Assert.Equal(golden, flattened);
    }

    private static List<JsonElement> ReadCases() =>
        File.ReadLines(SharedData.PathTo("data/rouge/superni_metric_cases.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToList();

    private static IEnumerable<string> Strings(JsonElement item, string field) =>
        item.GetProperty(field).EnumerateArray().Select(value => value.GetString()!);
}
