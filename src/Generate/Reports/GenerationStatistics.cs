using SelfInstruct.Backends.Routing;

namespace SelfInstruct.Generate.Reports;

/// <summary>
/// The figures of a finished run, computed once from its tasks and counts: the paper's Table 1 (instructions,
/// classification share, instances, empty inputs, mean lengths in whitespace-separated words), usage, rejections,
/// leading words, and the raw values behind the plots.
/// </summary>
public sealed record GenerationStatistics
{
    private const int LeadingWordCount = 20;

    public required StopReason StopReason { get; init; }

    public required string Model { get; init; }

    public required string PromptVersion { get; init; }

    public required int Instructions { get; init; }

    public required int ClassificationInstructions { get; init; }

    /// <summary>Accepted instructions whose instances all failed; they stay in the pool, not in the dataset.</summary>
    public required int InstructionsWithoutInstances { get; init; }

    public required int Instances { get; init; }

    public required int InstancesWithEmptyInput { get; init; }

    public required IReadOnlyList<int> InstructionWords { get; init; }

    /// <summary>Word counts of the non-empty inputs.</summary>
    public required IReadOnlyList<int> InputWords { get; init; }

    public required IReadOnlyList<int> OutputWords { get; init; }

    /// <summary>Each instruction's ROUGE-L F to its most similar seed instruction.</summary>
    public required IReadOnlyList<double> SeedSimilarities { get; init; }

    /// <summary>The most common first words of the instructions, lower-cased, most common first.</summary>
    public required IReadOnlyList<KeyValuePair<string, int>> LeadingWords { get; init; }

    public required IReadOnlyDictionary<string, long> Rejections { get; init; }

    public required IReadOnlyDictionary<GenerationStep, StepUsage> Usage { get; init; }

    public required double Cost { get; init; }

    /// <summary>What each server did in this process, when the backend spreads requests over servers.</summary>
    public IReadOnlyList<EndpointStatistics> Endpoints { get; init; } = [];

    /// <summary>With the Batch API, each committed round's requests, cost and wall time.</summary>
    public IReadOnlyList<RoundFigures> Rounds { get; init; } = [];

    /// <summary>The statistics of a run's result.</summary>
    public static GenerationStatistics From(GenerationResult result, string model, string promptVersion)
    {
        var tasks = result.Tasks;
        var instances = tasks.SelectMany(task => task.Instances).ToList();
        return new GenerationStatistics
        {
            StopReason = result.StopReason,
            Model = model,
            PromptVersion = promptVersion,
            Instructions = tasks.Count,
            ClassificationInstructions = tasks.Count(task => task.IsClassification),
            InstructionsWithoutInstances = tasks.Count(task => task.Instances.Count == 0),
            Instances = instances.Count,
            InstancesWithEmptyInput = instances.Count(instance => instance.Input.Length == 0),
            InstructionWords = tasks.Select(task => Words(task.Instruction)).ToList(),
            InputWords = instances.Where(instance => instance.Input.Length > 0)
                .Select(instance => Words(instance.Input)).ToList(),
            OutputWords = instances.Select(instance => Words(instance.Output)).ToList(),
            SeedSimilarities = tasks.Select(task => task.SeedSimilarity).ToList(),
            LeadingWords = tasks
                .Select(task => PythonText.Lower(task.Instruction.Split(' ', 2)[0].TrimEnd(',', ':', '.', '?')))
                .GroupBy(word => word, StringComparer.Ordinal)
                .OrderByDescending(group => group.Count())
                .ThenBy(group => group.Key, StringComparer.Ordinal)
                .Take(LeadingWordCount)
                .Select(group => KeyValuePair.Create(group.Key, group.Count()))
                .ToList(),
            Rejections = result.Progress.Rejections,
            Usage = result.Progress.Usage,
            Cost = result.Progress.Cost,
            Rounds = result.Progress.Rounds ?? [],
        };
    }

    /// <summary>The mean of the values, or 0 when there are none.</summary>
    public static double Mean(IReadOnlyList<int> values) => values.Count == 0 ? 0 : values.Average();

    private static int Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
