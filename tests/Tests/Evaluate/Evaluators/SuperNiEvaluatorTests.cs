using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using SelfInstruct.Evaluate.Evaluators;
using SelfInstruct.Tests.Cli;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Evaluate.Evaluators;

public sealed class SuperNiEvaluatorTests
{
    [SharedDataFact]
    public async Task Scores_every_shared_case_as_the_official_script_and_selfinstruct_rouge_superni()
    {
        var cases = File.ReadLines(SharedData.PathTo("data/rouge/superni_metric_cases.jsonl"))
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .ToList();
        var input = string.Join('\n', cases.Select(item => new JsonObject
        {
            ["prediction"] = item["prediction"]!.DeepClone(),
            ["references"] = item["references"]!.DeepClone(),
        }.ToJsonString()));
        var command = await CliRunner.RunAsync(input, "rouge", "--superni");
        var commandScores = command.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!)
            .ToList();

        var mismatches = new List<string>();
        for (var index = 0; index < cases.Count; index++)
        {
            var item = cases[index];
            var (rougeL, exactMatch) = await EvaluateAsync(item["prediction"]!.GetValue<string>(),
                item["references"]!.AsArray().Select(reference => reference!.GetValue<string>()).ToList());
            var expected = (item["rougeL"]!.GetValue<double>(), (double)item["exact_match"]!.GetValue<int>());
            var fromCommand = (commandScores[index]["rougeL"]!.GetValue<double>(),
                (double)commandScores[index]["exact_match"]!.GetValue<int>());
            if ((rougeL, exactMatch) != expected || (rougeL, exactMatch) != fromCommand)
            {
                mismatches.Add($"{item["id"]}: {rougeL} {exactMatch}");
            }
        }

        Assert.Equal(0, command.ExitCode);
        Assert.Equal(500, cases.Count);
        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task Takes_the_best_reference_and_stems_as_superni_does()
    {
        var context = new SuperNiReferencesContext("The cats were running.", "dogs");

        var result = await new SuperNiRougeLEvaluator().EvaluateAsync("the cat was running", null, [context]);

        var metric = result.Get<NumericMetric>(SuperNiRougeLEvaluator.RougeLMetricName);
        // Stemmed: "cat" and "run" match, "were"/"was" do not: LCS 3 of 4 tokens each side.
        Assert.Equal(0.75, metric.Value);
        Assert.Equal(EvaluationRating.Good, metric.Interpretation!.Rating);
        Assert.False(metric.Interpretation.Failed);
        Assert.Same(context, metric.Context![SuperNiReferencesContext.ContextName]);
    }

    [Fact]
    public async Task Exact_match_normalizes_case_punctuation_and_spaces()
    {
        var context = new SuperNiReferencesContext("No", "Yes, it is.");

        var match = await new SuperNiExactMatchEvaluator().EvaluateAsync("  yes   it is", null, [context]);
        var miss = await new SuperNiExactMatchEvaluator().EvaluateAsync("yes it was", null, [context]);

        var hit = match.Get<NumericMetric>(SuperNiExactMatchEvaluator.ExactMatchMetricName);
        var missed = miss.Get<NumericMetric>(SuperNiExactMatchEvaluator.ExactMatchMetricName);
        Assert.Equal((1.0, EvaluationRating.Exceptional, false),
            (hit.Value, hit.Interpretation!.Rating, hit.Interpretation.Failed));
        Assert.Equal((0.0, EvaluationRating.Unacceptable, true),
            (missed.Value, missed.Interpretation!.Rating, missed.Interpretation.Failed));
    }

    [Fact]
    public async Task Without_references_the_metric_has_no_value_and_an_error()
    {
        var result = await new SuperNiRougeLEvaluator().EvaluateAsync(
            [new ChatMessage(ChatRole.User, "Name a colour.")], new ChatResponse(new ChatMessage(ChatRole.Assistant,
                "red")));

        var metric = result.Get<NumericMetric>(SuperNiRougeLEvaluator.RougeLMetricName);
        Assert.Null(metric.Value);
        var diagnostic = Assert.Single(metric.Diagnostics!);
        Assert.Equal(EvaluationDiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(nameof(SuperNiReferencesContext), diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.8, EvaluationRating.Exceptional, false)]
    [InlineData(0.6, EvaluationRating.Good, false)]
    [InlineData(0.5, EvaluationRating.Average, false)]
    [InlineData(0.49, EvaluationRating.Average, true)]
    [InlineData(0.2, EvaluationRating.Poor, true)]
    [InlineData(0.1, EvaluationRating.Unacceptable, true)]
    public void Interprets_rouge_l_by_its_documented_thresholds(double rougeL, EvaluationRating rating, bool failed)
    {
        var interpretation = SuperNiRougeLEvaluator.Interpret(rougeL);

        Assert.Equal((rating, failed), (interpretation.Rating, interpretation.Failed));
    }

    [Fact]
    public void A_context_without_references_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SuperNiReferencesContext());
    }

    [Fact]
    public void Names_the_metrics_it_produces()
    {
        Assert.Equal([SuperNiRougeLEvaluator.RougeLMetricName], new SuperNiRougeLEvaluator().EvaluationMetricNames);
        Assert.Equal([SuperNiExactMatchEvaluator.ExactMatchMetricName],
            new SuperNiExactMatchEvaluator().EvaluationMetricNames);
    }

    private static async Task<(double RougeL, double ExactMatch)> EvaluateAsync(
        string prediction, IReadOnlyList<string> references)
    {
        var context = new SuperNiReferencesContext(references);
        var evaluator = new CompositeEvaluator(new SuperNiRougeLEvaluator(), new SuperNiExactMatchEvaluator());
        var result = await evaluator.EvaluateAsync(prediction, null, [context]);
        return (result.Get<NumericMetric>(SuperNiRougeLEvaluator.RougeLMetricName).Value!.Value,
            result.Get<NumericMetric>(SuperNiExactMatchEvaluator.ExactMatchMetricName).Value!.Value);
    }
}
