using ScottPlot;

namespace SelfInstruct.Finetune.Training;

/// <summary>loss.png: training and validation loss over the steps.</summary>
public static class LossPlot
{
    public const string FileName = "loss.png";

    private const int Width = 800;
    private const int Height = 500;

    /// <summary>Draws the losses of <paramref name="metrics"/> into <paramref name="output"/>/loss.png.</summary>
    public static void Write(string output, IReadOnlyList<(int Step, double Loss, double? ValidationLoss)> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var plot = new Plot();
        var training = plot.Add.Scatter(
            metrics.Select(line => (double)line.Step).ToArray(), metrics.Select(line => line.Loss).ToArray());
        training.LegendText = "training loss";
        var validation = metrics.Where(line => line.ValidationLoss is not null).ToArray();
        if (validation.Length > 0)
        {
            var points = plot.Add.Scatter(validation.Select(line => (double)line.Step).ToArray(),
                validation.Select(line => line.ValidationLoss!.Value).ToArray());
            points.LegendText = "validation loss";
        }
        plot.Title("selfinstruct finetune");
        plot.XLabel("step");
        plot.YLabel("loss (cross-entropy, nats per token)");
        plot.ShowLegend();
        PlotFile.SavePng(plot, Path.Combine(output, FileName), Width, Height);
    }
}
