using Spectre.Console;

namespace SelfInstruct.Cli.Commands;

/// <summary>Renders the counts and word-length statistics of a dataset as tables.</summary>
internal static class DatasetStatisticsView
{
    public static void Render(IAnsiConsole console, string path, DatasetFile dataset)
    {
        var rows = dataset.Rows;
        var tasks = rows.GroupBy(row => row.TaskId, StringComparer.Ordinal).Select(group => group.First()).ToList();
        var counts = new Table().Title(Path.GetFileName(path)).AddColumns("what", "count");
        counts.Columns[1].RightAligned();
        AddCount(counts, "tasks", tasks.Count);
        AddCount(counts, "instances", rows.Count);
        AddCount(counts, "classification tasks", tasks.Count(task => task.IsClassification));
        AddCount(counts, "seed tasks", tasks.Count(task => task.Origin == TaskOrigin.Seed));
        AddCount(counts, "machine tasks", tasks.Count(task => task.Origin == TaskOrigin.Machine));
        AddCount(counts, "instances with empty input", rows.Count(row => row.Input.Trim().Length == 0));
        console.Write(counts);

        var lengths = new Table().Title("length in words").AddColumns("field", "min", "mean", "median", "p90", "max");
        foreach (var column in lengths.Columns.Skip(1))
        {
            column.RightAligned();
        }
        AddLengths(lengths, "instruction (per task)", tasks.Select(task => task.Instruction));
        AddLengths(lengths, "input", rows.Select(row => row.Input));
        AddLengths(lengths, "output", rows.Select(row => row.Output));
        console.Write(lengths);
        foreach (var (key, value) in dataset.Metadata.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            console.MarkupLineInterpolated($"[grey]{key}[/] = {value}");
        }
    }

    private static void AddCount(Table table, string what, int count) =>
        table.AddRow(what, count.ToString(CultureInfo.InvariantCulture));

    private static void AddLengths(Table table, string field, IEnumerable<string> texts)
    {
        var words = texts
            .Select(text => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length)
            .Order()
            .ToArray();
        if (words.Length == 0)
        {
            table.AddRow(field, "-", "-", "-", "-", "-");
            return;
        }
        table.AddRow(
            field,
            Format(words[0]),
            words.Average().ToString("F1", CultureInfo.InvariantCulture),
            Format(Percentile(words, 0.5)),
            Format(Percentile(words, 0.9)),
            Format(words[^1]));
    }

    // Nearest-rank percentile of sorted values.
    private static int Percentile(int[] sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
