namespace SelfInstruct.Generate.Reports;

/// <summary>The Batch API rounds of a run, as stats.md and the progress view show them.</summary>
internal static class RoundsSection
{
    /// <summary>Appends stats.md's table of rounds; nothing for a run without the Batch API.</summary>
    public static void Append(StringBuilder text, IReadOnlyList<RoundFigures> rounds)
    {
        if (rounds.Count == 0)
        {
            return;
        }
        text.Append("\n## Batch API rounds\n\n| round | requests | cost | wall time |\n| --- | ---: | ---: | ---: |\n");
        foreach (var round in rounds)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {round.Index} | {round.Requests:N0} | ")
                .Append(CultureInfo.InvariantCulture, $"{round.Cost:F4} | {Duration(round.WallTime)} |\n");
        }
        text.Append("\nCosts are at Batch API rates; a wall time counts from the round's start in the process ")
            .Append("that committed it.\n");
    }

    /// <summary>One round in a few words: requests, cost, wall time.</summary>
    public static string Describe(RoundFigures round) => string.Create(CultureInfo.InvariantCulture,
        $"{round.Requests:N0} requests, cost {round.Cost:F4}, {Duration(round.WallTime)}");

    private static string Duration(TimeSpan time) => time.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture);
}
