using Spectre.Console;

namespace SelfInstruct.Generate.Reports;

/// <summary>
/// The end of a run on the console: the final progress line, then a table of what was made and every rejection or
/// failure by reason.
/// </summary>
public static class GenerationSummaryView
{
    /// <summary>Writes the final line and the table.</summary>
    public static void Render(IAnsiConsole console, GenerationRunResult result)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        console.WriteLine(new GenerationProgressView().Line(result.Progress));
        var statistics = result.Statistics;
        var table = new Table().Title("generation summary").AddColumns("what", "count");
        table.Columns[1].RightAligned();
        table.AddRow("instructions", Number(statistics.Instructions));
        table.AddRow("classification instructions", Number(statistics.ClassificationInstructions));
        table.AddRow("instances", Number(statistics.Instances));
        foreach (var (reason, count) in statistics.Rejections.OrderByDescending(pair => pair.Value)
                     .ThenBy(pair => pair.Key, StringComparer.Ordinal))
        {
            table.AddRow($"rejected or failed: {reason}", Number(count));
        }
        console.Write(table);
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
