namespace SelfInstruct.Generate.Prompts;

/// <summary>What one instance generation response yielded.</summary>
/// <param name="Instances">The instances read, in order, not yet filtered.</param>
/// <param name="Failures">One reason per piece that could not be used (an empty response counts once).</param>
public sealed record InstanceParse(IReadOnlyList<TaskInstance> Instances, IReadOnlyList<string> Failures);
