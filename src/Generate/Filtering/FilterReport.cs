using Spectre.Console;

namespace SelfInstruct.Generate.Filtering;

/// <summary>Renders the outcome of a filter run: counts by reason, similarity figures and throughput.</summary>
internal static class FilterReport
{
    private const int ShownRejections = 10;

    public static void Render(
        IAnsiConsole console, IReadOnlyList<FilterDecision> decisions, int initialPoolSize, TimeSpan elapsed)
    {
        var outcomes = new Table().Title("filter outcome").AddColumns("outcome", "instructions", "share");
        outcomes.Columns[1].RightAligned();
        outcomes.Columns[2].RightAligned();
        foreach (var group in decisions.GroupBy(decision => decision.Rejection ?? "accepted")
                     .OrderByDescending(group => group.Count()))
        {
            outcomes.AddRow(group.Key, Number(group.Count()), Percent(group.Count(), decisions.Count));
        }
        outcomes.AddRow("[bold]total[/]", Number(decisions.Count), Percent(decisions.Count, decisions.Count));
        console.Write(outcomes);
        RenderTooSimilar(console, decisions);

        var accepted = decisions.Where(decision => decision.Accepted).ToList();
        var figures = new Table().Title("similarity and speed").AddColumns("figure", "value");
        figures.Columns[1].RightAligned();
        figures.AddRow("pool at start", Number(initialPoolSize));
        figures.AddRow("pool at end", Number(initialPoolSize + accepted.Count));
        if (accepted.Count > 0)
        {
            figures.AddRow("mean max ROUGE-L of accepted", Fixed(accepted.Average(d => d.Similarity!.MaxScore)));
            figures.AddRow("highest max ROUGE-L of accepted", Fixed(accepted.Max(d => d.Similarity!.MaxScore)));
        }
        figures.AddRow("elapsed", $"{elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s");
        var pairs = PairsScored(decisions, initialPoolSize);
        figures.AddRow("ROUGE-L pairs scored", Number(pairs));
        if (elapsed > TimeSpan.Zero)
        {
            figures.AddRow("pairs per second", Number((long)(pairs / elapsed.TotalSeconds)));
        }
        console.Write(figures);
    }

    private static void RenderTooSimilar(IAnsiConsole console, IReadOnlyList<FilterDecision> decisions)
    {
        var tooSimilar = decisions.Where(decision => decision.Rejection == BootstrapFilter.TooSimilar).ToList();
        if (tooSimilar.Count == 0)
        {
            return;
        }
        var shown = Math.Min(ShownRejections, tooSimilar.Count);
        var table = new Table()
            .Title($"rejected as too similar (first {shown} of {tooSimilar.Count})")
            .AddColumns("candidate", "most similar pool instruction", "ROUGE-L");
        table.Columns[2].RightAligned();
        foreach (var decision in tooSimilar.Take(ShownRejections))
        {
            var closest = decision.Similarity!.MostSimilar[0];
            table.AddRow(Markup.Escape(decision.Instruction), Markup.Escape(closest.Instruction), Fixed(closest.Score));
        }
        console.Write(table);
    }

    // Each candidate that reached the novelty check met the whole pool as it stood then.
    private static long PairsScored(IEnumerable<FilterDecision> decisions, int initialPoolSize)
    {
        long pairs = 0;
        var poolSize = initialPoolSize;
        foreach (var decision in decisions.Where(decision => decision.Similarity is not null))
        {
            pairs += poolSize;
            poolSize += decision.Accepted ? 1 : 0;
        }
        return pairs;
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Fixed(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

    private static string Percent(int part, int whole) =>
        whole == 0 ? "-" : (100.0 * part / whole).ToString("F1", CultureInfo.InvariantCulture) + " %";
}
