namespace SelfInstruct.Generate.Pipeline;

/// <summary>
/// A dry run's estimate for the target size: requests per step, prompt tokens, an upper bound on output tokens
/// (every answer at its token limit) and the cost bound at the configured prices.
/// </summary>
/// <param name="InstructionRequests">Instruction generation requests, at <see cref="AcceptedPerRequest"/> each.</param>
/// <param name="ClassificationRequests">One per accepted instruction.</param>
/// <param name="InstanceRequests">One per accepted instruction.</param>
/// <param name="InputTokens">Prompt tokens, at about four characters per token.</param>
/// <param name="MaxOutputTokens">Output tokens if every answer ran to its limit.</param>
/// <param name="MaxCost">The cost of those tokens.</param>
public sealed record GenerationEstimate(
    long InstructionRequests,
    long ClassificationRequests,
    long InstanceRequests,
    long InputTokens,
    long MaxOutputTokens,
    double MaxCost)
{
    /// <summary>
    /// Accepted instructions per instruction generation request assumed by the estimate: about seven new items per
    /// answer (items 9 to 15), about half of them surviving the filters.
    /// </summary>
    public const double AcceptedPerRequest = 3.5;

    private const double CharactersPerToken = 4;

    public long Requests => InstructionRequests + ClassificationRequests + InstanceRequests;

    /// <summary>What the estimate assumes about acceptance, as the dry run states it.</summary>
    public string Assumption { get; init; } = string.Create(CultureInfo.InvariantCulture,
        $"{AcceptedPerRequest} accepted instructions per instruction generation request");

    /// <summary>The estimate for <paramref name="config"/>, prompts rendered from the seed instructions.</summary>
    public static GenerationEstimate For(
        GenerationConfig config, PromptTemplates templates, IReadOnlyList<string> seedInstructions)
    {
        var target = config.NumInstructions;
        var instructionRequests = (long)Math.Ceiling(target / AcceptedPerRequest);
        var sample = seedInstructions.Take(config.PromptInstructions).ToList();
        var example = sample.Count > 0 ? sample[0] : "";
        var instructionPrompt = Tokens(InstructionPrompt.Build(templates.InstructionGeneration, sample));
        var classificationPrompt = Tokens(ClassificationPrompt.Build(templates.ClassificationIdentification, example));
        var instancePrompt = Tokens(InstancePrompt.Build(templates.InstancesInputFirst, example));
        var inputTokens = (instructionRequests * instructionPrompt) +
            (target * (classificationPrompt + instancePrompt));
        var outputTokens = (instructionRequests * config.InstructionMaxTokens) +
            (target * (long)(config.ClassificationMaxTokens + config.InstanceMaxTokensWithoutClassification));
        return new GenerationEstimate(instructionRequests, target, target, inputTokens, outputTokens,
            config.CostOf(inputTokens, outputTokens));
    }

    /// <summary>A text's tokens at about four characters per token.</summary>
    internal static long Tokens(string text) => (long)Math.Ceiling(text.Length / CharactersPerToken);
}
