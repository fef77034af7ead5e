namespace SelfInstruct.Generate.Pipeline;

/// <summary>
/// The dry run's estimate for the Alpaca style: task requests only (no classification or instance requests), each
/// prompt rendered from seed tasks drawn as a run draws them.
/// </summary>
public static class AlpacaEstimate
{
    /// <summary>Accepted tasks per request assumed: half of the 20 asked for.</summary>
    public const double AcceptedShare = 0.5;

    /// <summary>The estimate for <paramref name="config"/>.</summary>
    public static GenerationEstimate For(
        GenerationConfig config, PromptTemplate template, IReadOnlyList<SeedTask> seeds)
    {
        ArgumentNullException.ThrowIfNull(config);
        var accepted = config.AlpacaTasksPerRequest * AcceptedShare;
        var requests = (long)Math.Ceiling(config.NumInstructions / accepted);
        var examples = AlpacaPrompt.Sample(seeds, config.AlpacaSeedTasks, new Random(config.Seed));
        var inputTokens = requests * GenerationEstimate.Tokens(
            AlpacaPrompt.Build(template, examples, config.AlpacaTasksPerRequest));
        var outputTokens = requests * config.AlpacaMaxTokens;
        return new GenerationEstimate(requests, 0, 0, inputTokens, outputTokens,
            config.CostOf(inputTokens, outputTokens))
        {
            Assumption = string.Create(CultureInfo.InvariantCulture,
                $"{accepted} accepted tasks per request (half of the {config.AlpacaTasksPerRequest} asked for)"),
        };
    }
}
