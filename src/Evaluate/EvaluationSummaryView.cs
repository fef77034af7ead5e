using Spectre.Console;

namespace SelfInstruct.Evaluate;

/// <summary>The headline table printed after an evaluation: per model, and each comparison with the baseline.</summary>
public static class EvaluationSummaryView
{
    /// <summary>Writes the tables to the console.</summary>
    public static void Render(IAnsiConsole console, EvaluationResults results)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(results);
        var table = new Table().Title("SuperNI metrics (×100, higher is better)")
            .AddColumns("model", "exact match", "ROUGE-L", "instances", "empty", "truncated prompts");
        foreach (var model in results.Models)
        {
            table.AddRow(Markup.Escape(model.Name), Number(model.Overall.ExactMatch), Number(model.Overall.RougeL),
                Count(model.Overall.Count), Count(model.EmptyPredictions), Count(model.TruncatedPrompts));
        }
        console.Write(table);
        foreach (var comparison in results.Comparisons)
        {
            var rougeL = comparison.RougeL;
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{comparison.Candidate} - {comparison.Baseline}: ROUGE-L {rougeL.Mean:+0.00;-0.00;0.00} points, " +
                $"95% CI [{rougeL.Lower:0.00}, {rougeL.Upper:0.00}], p = {rougeL.PValue:0.###}; tasks won/tied/lost " +
                $"{comparison.Wins}/{comparison.Ties}/{comparison.Losses}")));
        }
    }

    private static string Number(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
