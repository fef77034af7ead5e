using ScottPlot;
using ScottPlot.TickGenerators;

namespace SelfInstruct.Evaluate.Reports;

/// <summary>The report's PNG plots (ScottPlot), each written into the report folder under a given file name.</summary>
public static class ReportPlots
{
    private static readonly Color[] _palette =
        [Colors.SteelBlue, Colors.DarkOrange, Colors.SeaGreen, Colors.Crimson, Colors.MediumPurple, Colors.Gold];

    /// <summary>
    /// Bars grouped by <paramref name="groups"/> (x labels), one colored series per entry of
    /// <paramref name="series"/>, each with one value per group.
    /// </summary>
    public static void GroupedBars(string path, string title, string unit, IReadOnlyList<string> groups,
        IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(series);
        var plot = new Plot();
        var width = 0.8 / series.Count;
        for (var index = 0; index < series.Count; index++)
        {
            var color = _palette[index % _palette.Length];
            var bars = series[index].Values.Select((value, group) => new Bar
            {
                Position = group - 0.4 + width * (index + 0.5),
                Value = value,
                Size = width,
                FillColor = color,
            }).ToList();
            plot.Add.Bars(bars);
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[index].Name, FillColor = color });
        }
        plot.Axes.Bottom.TickGenerator = new NumericManual(
            Enumerable.Range(0, groups.Count).Select(index => (double)index).ToArray(), groups.ToArray());
        if (groups.Count > 4)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            // Rotated labels need room below the axis; ScottPlot does not measure them.
            plot.Axes.Bottom.MinimumSize = 20 + 4 * groups.Max(group => group.Length);
            plot.Axes.Right.MinimumSize = 110;
        }
        plot.ShowLegend();
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        plot.YLabel(unit);
        PlotFile.SavePng(plot, path,
            height: PlotFile.Height + (groups.Count > 4 ? (int)plot.Axes.Bottom.MinimumSize : 0));
    }

    /// <summary>Horizontal bars, one per label, positive green and negative red, in the given order top down.</summary>
    public static void SignedBars(string path, string title, string unit,
        IReadOnlyList<(string Label, double Value)> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var plot = PlotFile.HorizontalBars(values
            .Select(pair => (pair.Label, pair.Value, pair.Value >= 0 ? Colors.SeaGreen : Colors.Crimson)).ToList());
        plot.Add.VerticalLine(0, 1, Colors.Black);
        plot.Title(title);
        plot.XLabel(unit);
        PlotFile.SavePng(plot, path, height: Math.Max(PlotFile.Height, 60 + 22 * values.Count));
    }

    /// <summary>A confusion matrix as shaded cells with their counts; rows gold labels, columns predictions.</summary>
    public static void ConfusionMatrix(string path, string title, ClassificationMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var plot = new Plot();
        var count = metrics.Labels.Count;
        var largest = Math.Max(1, metrics.ConfusionMatrix.SelectMany(row => row).Max());
        for (var row = 0; row < count; row++)
        {
            for (var column = 0; column < count; column++)
            {
                var value = metrics.ConfusionMatrix[row][column];
                // Rows run top down, so gold label 0 sits at the top like a printed matrix.
                var y = count - 1 - row;
                var cell = plot.Add.Rectangle(column - 0.5, column + 0.5, y - 0.5, y + 0.5);
                cell.FillColor = Colors.SteelBlue.WithAlpha(0.1 + 0.9 * value / largest);
                cell.LineColor = Colors.White;
                var text = plot.Add.Text(value.ToString(CultureInfo.InvariantCulture), column, y);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = 16;
            }
        }
        var positions = Enumerable.Range(0, count).Select(index => (double)index).ToArray();
        plot.Axes.Bottom.TickGenerator = new NumericManual(positions, metrics.Labels.ToArray());
        plot.Axes.Left.TickGenerator = new NumericManual(positions.Reverse().ToArray(), metrics.Labels.ToArray());
        plot.Title(title);
        plot.XLabel("predicted");
        plot.YLabel("gold");
        PlotFile.SavePng(plot, path, 700, 600);
    }
}
