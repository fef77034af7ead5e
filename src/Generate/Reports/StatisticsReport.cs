namespace SelfInstruct.Generate.Reports;

/// <summary>Writes a run's <c>stats.md</c> and its plots into the output folder.</summary>
public static class StatisticsReport
{
    /// <summary>The report's file name in the output folder.</summary>
    public const string FileName = "stats.md";

    /// <summary>Writes <c>stats.md</c> (atomically) and the PNG plots it links; returns the paths written.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(
        string outputDirectory, GenerationStatistics statistics, CancellationToken cancellationToken)
    {
        var plots = StatisticsPlots.Write(outputDirectory, statistics);
        var path = Path.Combine(outputDirectory, FileName);
        var markdown = Markdown(statistics, plots.Select(Path.GetFileName).OfType<string>().ToList());
        await AtomicFile.WriteTextAsync(path, markdown, cancellationToken);
        return [path, .. plots];
    }

    /// <summary>The report's text: Table 1 counts, usage, rejections, leading words and links to the plots.</summary>
    public static string Markdown(GenerationStatistics statistics, IReadOnlyList<string> plotFiles)
    {
        var text = new StringBuilder();
        text.Append("# Generation statistics\n\n")
            .Append(CultureInfo.InvariantCulture, $"Stopped: {statistics.StopReason}. Model `{statistics.Model}`, ")
            .Append(CultureInfo.InvariantCulture, $"prompts `{statistics.PromptVersion}`.\n\n")
            .Append("## Dataset, as in Table 1 of the paper\n\n| statistic | value |\n| --- | ---: |\n");
        Row(text, "# of instructions", Number(statistics.Instructions));
        Row(text, "- # of classification instructions", Number(statistics.ClassificationInstructions));
        Row(text, "- # of non-classification instructions",
            Number(statistics.Instructions - statistics.ClassificationInstructions));
        Row(text, "- # of instructions without a valid instance", Number(statistics.InstructionsWithoutInstances));
        Row(text, "# of instances", Number(statistics.Instances));
        Row(text, "- # of instances with empty input", Number(statistics.InstancesWithEmptyInput));
        Row(text, "ave. instruction length (in words)", Fixed(GenerationStatistics.Mean(statistics.InstructionWords)));
        Row(text, "ave. non-empty input length (in words)", Fixed(GenerationStatistics.Mean(statistics.InputWords)));
        Row(text, "ave. output length (in words)", Fixed(GenerationStatistics.Mean(statistics.OutputWords)));
        AppendUsage(text, statistics);
        EndpointTable.Append(text, statistics.Endpoints);
        RoundsSection.Append(text, statistics.Rounds);
        text.Append("\n## Rejections and failures by reason\n\n| reason | count |\n| --- | ---: |\n");
        foreach (var (reason, count) in statistics.Rejections.OrderByDescending(pair => pair.Value)
                     .ThenBy(pair => pair.Key, StringComparer.Ordinal))
        {
            Row(text, $"`{reason}`", Number(count));
        }
        text.Append("\n## Most common leading words\n\n| word | instructions |\n| --- | ---: |\n");
        foreach (var (word, count) in statistics.LeadingWords)
        {
            Row(text, word, Number(count));
        }
        if (plotFiles.Count > 0)
        {
            text.Append("\n## Plots\n\n");
            foreach (var file in plotFiles)
            {
                text.Append(CultureInfo.InvariantCulture, $"![{Path.GetFileNameWithoutExtension(file)}]({file})\n");
            }
        }
        return text.ToString();
    }

    private static void AppendUsage(StringBuilder text, GenerationStatistics statistics)
    {
        text.Append("\n## Requests and tokens\n\n")
            .Append("| step | requests | prompt tokens | output tokens | retries | backoff s | attempts per answer |\n")
            .Append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        var total = StepUsage.None;
        foreach (var (step, usage) in statistics.Usage)
        {
            total += usage;
            UsageRow(text, step.ToString().ToLowerInvariant(), usage);
        }
        UsageRow(text, "total", total);
        text.Append(CultureInfo.InvariantCulture,
                $"\nCost at the configured prices: {statistics.Cost.ToString("F4", CultureInfo.InvariantCulture)}\n")
            .Append("\nRetries are attempts beyond the first after a transport fault (timeout, dropped connection, ")
            .Append("429 or 5xx after the SDK's own retries, a body that is not the API's JSON), counted by fault as ")
            .Append("`STEP.retried_FAULT` below; only a well-formed answer is judged and paid for.\n");
    }

    private static void UsageRow(StringBuilder text, string label, StepUsage usage)
    {
        var attemptsPerAnswer = usage.Requests == 0 ? "-" : ((double)(usage.Requests + usage.Retries) /
            usage.Requests).ToString("F2", CultureInfo.InvariantCulture);
        text.Append(CultureInfo.InvariantCulture, $"| {label} | {Number(usage.Requests)} | ")
            .Append(CultureInfo.InvariantCulture, $"{Number(usage.InputTokens)} | {Number(usage.OutputTokens)} | ")
            .Append(CultureInfo.InvariantCulture, $"{Number(usage.Retries)} | {Fixed(usage.BackoffSeconds)} | ")
            .Append(CultureInfo.InvariantCulture, $"{attemptsPerAnswer} |\n");
    }

    private static void Row(StringBuilder text, string label, string value) =>
        text.Append(CultureInfo.InvariantCulture, $"| {label} | {value} |\n");

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Fixed(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}
