namespace SelfInstruct.Generate.Pipeline;

/// <summary>
/// The token limit of each task's instance request, decided as the released <c>generate_instances.py</c> does: the
/// tasks go in consecutive groups of <see cref="GenerationConfig.RequestsPerBatch"/> (its request batch size, 5 by
/// default in both), and a group that holds a classification task gets the smaller limit, for all its requests.
/// </summary>
internal static class InstanceTokenBudget
{
    /// <summary>One limit per task, in the order of <paramref name="isClassification"/>.</summary>
    public static IReadOnlyList<int> PerTask(IReadOnlyList<bool> isClassification, GenerationConfig config) =>
        isClassification.Chunk(config.RequestsPerBatch)
            .SelectMany(group => Enumerable.Repeat(
                group.Any(classification => classification)
                    ? config.InstanceMaxTokens
                    : config.InstanceMaxTokensWithoutClassification,
                group.Length))
            .ToList();
}
