using ScottPlot;

namespace SelfInstruct.Generate.Reports;

/// <summary>The run's PNG plots (ScottPlot): lengths, similarity to the seeds, rejection reasons.</summary>
public static class StatisticsPlots
{
    private const int ShownReasons = 15;

    /// <summary>Writes every plot that has data; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(string outputDirectory, GenerationStatistics statistics)
    {
        var written = new List<string>();
        Histogram(written, outputDirectory, "instruction-lengths.png", "Instruction length",
            "words", statistics.InstructionWords.Select(count => (double)count).ToList(), 1);
        Histogram(written, outputDirectory, "input-lengths.png", "Non-empty input length",
            "words", statistics.InputWords.Select(count => (double)count).ToList(), 1);
        Histogram(written, outputDirectory, "output-lengths.png", "Output length",
            "words", statistics.OutputWords.Select(count => (double)count).ToList(), 1);
        Histogram(written, outputDirectory, "seed-similarity.png", "ROUGE-L F to the most similar seed instruction",
            "ROUGE-L F", statistics.SeedSimilarities, 0.05, 0);
        Rejections(written, outputDirectory, statistics.Rejections);
        return written;
    }

    private static void Histogram(List<string> written, string directory, string fileName, string title,
        string unit, IReadOnlyList<double> values, double binSize, double? min = null)
    {
        if (values.Count == 0)
        {
            return;
        }
        // Bins are half-open, [low, low + size); ending one bin past the largest value keeps that value inside.
        var low = min ?? Math.Floor(values.Min());
        var high = (Math.Floor(values.Max() / binSize) + 1) * binSize;
        var histogram = ScottPlot.Statistics.Histogram.WithBinSize(binSize, low, high);
        histogram.AddRange(values);
        var plot = new Plot();
        plot.Add.Histogram(histogram);
        plot.Title(title);
        plot.XLabel(unit);
        plot.YLabel("count");
        Save(written, plot, directory, fileName);
    }

    private static void Rejections(List<string> written, string directory, IReadOnlyDictionary<string, long> counts)
    {
        var shown = counts.OrderByDescending(pair => pair.Value).Take(ShownReasons).ToList();
        if (shown.Count == 0)
        {
            return;
        }
        var plot = PlotFile.HorizontalBars(
            shown.Select(pair => (pair.Key, (double)pair.Value, Colors.SteelBlue)).ToList());
        plot.Title("Rejections and failures by reason");
        plot.XLabel("count");
        Save(written, plot, directory, "rejections.png");
    }

    private static void Save(List<string> written, Plot plot, string directory, string fileName)
    {
        var path = Path.Combine(directory, fileName);
        PlotFile.SavePng(plot, path);
        written.Add(path);
    }
}
