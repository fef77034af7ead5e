using System.Globalization;
using Spectre.Console;

namespace SelfInstruct.Generate.Reports;

/// <summary>The end-of-run table on the console: what was made, and every rejection or failure by reason.</summary>
internal static class GenerationSummaryView
{
    public static void Render(IAnsiConsole console, GenerationStatistics statistics)
    {
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
