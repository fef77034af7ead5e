using ScottPlot;
using ScottPlot.TickGenerators;

namespace SelfInstruct.Core.Plots;

/// <summary>
/// What every stage's PNG plots share (ScottPlot): the default size, labelled horizontal bars, and an atomic save,
/// so a crash mid-write never leaves a broken image where a report links one.
/// </summary>
public static class PlotFile
{
    /// <summary>The default width in pixels.</summary>
    public const int Width = 900;

    /// <summary>The default height in pixels.</summary>
    public const int Height = 500;

    /// <summary>Renders <paramref name="plot"/> as PNG and writes it to <paramref name="path"/> atomically.</summary>
    public static void SavePng(Plot plot, string path, int width = Width, int height = Height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(width, height, ImageFormat.Png));
    }

    /// <summary>One horizontal bar per label, in the given order top down, each in its own color.</summary>
    public static Plot HorizontalBars(IReadOnlyList<(string Label, double Value, Color Color)> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var plot = new Plot();
        var top = bars.Count - 1;
        plot.Add.Bars(bars.Select((bar, index) => new Bar
        {
            Position = top - index,
            Value = bar.Value,
            FillColor = bar.Color,
        }).ToList()).Horizontal = true;
        plot.Axes.Left.TickGenerator = new NumericManual(
            Enumerable.Range(0, bars.Count).Select(index => (double)(top - index)).ToArray(),
            bars.Select(bar => bar.Label).ToArray());
        return plot;
    }
}
