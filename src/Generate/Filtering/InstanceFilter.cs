namespace SelfInstruct.Generate.Filtering;

/// <summary>
/// The released code's filters for a task's generated instances, each named by the rejection reason it counts.
/// Rejections are returned one per dropped instance.
/// </summary>
/// <remarks>
/// The cap samples: of more distinct instances than a task may keep, a seeded random subset stays (in order), as
/// the released <c>prepare_for_finetuning.py</c> keeps <c>random.sample(instances, 5)</c>.
/// </remarks>
public static class InstanceFilter
{
    /// <summary>The output repeats the input: the model copied instead of solving.</summary>
    public const string InputEqualsOutput = "input_equals_output";

    /// <summary>The output is empty: nothing to learn from.</summary>
    public const string EmptyOutput = "empty_output";

    /// <summary>The input or output ends with ':': usually a generation that stopped before its content.</summary>
    public const string EndsWithColon = "ends_with_colon";

    /// <summary>A non-empty input with two different outputs: the task is ambiguous, so all its instances go.</summary>
    public const string ConflictingOutputs = "conflicting_outputs";

    /// <summary>An exact repeat of an instance kept before it.</summary>
    public const string Duplicate = "duplicate_instance";

    /// <summary>Left out of the random sample of the most instances a task may keep.</summary>
    public const string OverLimit = "over_instance_limit";

    /// <summary>
    /// The instances that pass, in order, and a reason for each one dropped; <paramref name="random"/> draws the
    /// sample when more than <paramref name="maxInstances"/> pass.
    /// </summary>
    public static (IReadOnlyList<TaskInstance> Kept, IReadOnlyList<string> Rejections) Apply(
        IReadOnlyList<TaskInstance> instances, int maxInstances, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxInstances);
        var rejections = new List<string>();
        var valid = new List<TaskInstance>();
        foreach (var instance in instances)
        {
            var reason = Rejection(instance);
            if (reason is null)
            {
                valid.Add(instance);
            }
            else
            {
                rejections.Add(reason);
            }
        }
        if (HasConflictingOutputs(valid))
        {
            rejections.AddRange(valid.Select(_ => ConflictingOutputs));
            return ([], rejections);
        }
        var distinct = new List<TaskInstance>();
        foreach (var instance in valid)
        {
            if (distinct.Contains(instance))
            {
                rejections.Add(Duplicate);
            }
            else
            {
                distinct.Add(instance);
            }
        }
        var kept = OrderedSample.Of(distinct, maxInstances, random);
        rejections.AddRange(Enumerable.Repeat(OverLimit, distinct.Count - kept.Count));
        return (kept, rejections);
    }

    private static string? Rejection(TaskInstance instance)
    {
        if (instance.Input == instance.Output)
        {
            return InputEqualsOutput;
        }
        if (instance.Output.Length == 0)
        {
            return EmptyOutput;
        }
        return instance.Input.TrimEnd().EndsWith(':') || instance.Output.TrimEnd().EndsWith(':')
            ? EndsWithColon
            : null;
    }

    private static bool HasConflictingOutputs(IReadOnlyList<TaskInstance> instances) =>
        instances.Where(instance => instance.Input.Length > 0)
            .GroupBy(instance => instance.Input, StringComparer.Ordinal)
            .Any(group => group.Select(instance => instance.Output).Distinct(StringComparer.Ordinal).Count() > 1);
}
