using System.Buffers.Binary;
using ScottPlot;
using ScottPlot.TickGenerators;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Core.Plots;

public sealed class PlotFileTests
{
    [Fact]
    public void SavePng_WritesAPngOfTheGivenSizeAndNoTemporaryFile()
    {
        using var folder = new TemporaryFolder();
        var plot = new Plot();
        plot.Add.Scatter(new double[] { 0, 1, 2 }, new double[] { 1, 0, 2 });

        PlotFile.SavePng(plot, folder.File("plot.png"), 320, 200);

        var bytes = File.ReadAllBytes(folder.File("plot.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        // The IHDR chunk holds width and height as big-endian integers at bytes 16..23.
        Assert.Equal(320, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(200, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
        Assert.Equal(["plot.png"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void HorizontalBars_PutsTheFirstLabelOnTop()
    {
        var plot = PlotFile.HorizontalBars(
            [("first", 3, Colors.SteelBlue), ("second", -1, Colors.Crimson), ("third", 2, Colors.SeaGreen)]);

        // ScottPlot places the manual ticks when it renders.
        plot.GetImageBytes(300, 200, ImageFormat.Png);
        var ticks = Assert.IsType<NumericManual>(plot.Axes.Left.TickGenerator).Ticks;
        var labelsTopDown = ticks.OrderByDescending(tick => tick.Position).Select(tick => tick.Label);
        Assert.Equal(["first", "second", "third"], labelsTopDown);
        var bars = plot.GetPlottables<ScottPlot.Plottables.BarPlot>().Single().Bars;
        Assert.Equal([3.0, -1.0, 2.0], bars.OrderByDescending(bar => bar.Position).Select(bar => bar.Value));
    }
}
