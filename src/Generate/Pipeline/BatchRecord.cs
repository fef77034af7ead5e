namespace SelfInstruct.Generate.Pipeline;

/// <summary>
/// One finished batch as the journal keeps it: the tasks it accepted and what it counted. A batch is committed
/// only whole, so a resumed run redoes a torn batch from the same state and with the replies already paid for.
/// </summary>
/// <param name="Index">Batch number, from 0.</param>
/// <param name="Tasks">The accepted tasks, in order.</param>
/// <param name="Rejections">Rejections and failures by <c>step.reason</c>.</param>
/// <param name="Usage">Requests and tokens by step.</param>
/// <param name="Resolved">Earlier tasks that were pending and were asked again, as they stand now.</param>
/// <param name="WallSeconds">With the Batch API, the round's wall time in the process that committed it.</param>
/// <param name="RejectedSamples">
/// By <c>step.reason</c>, a few of the candidates (instructions, whole tasks, or the start of an answer that did
/// not parse) rejected for it; null in journals written before they were kept.
/// </param>
public sealed record BatchRecord(
    int Index,
    IReadOnlyList<GeneratedTask> Tasks,
    IReadOnlyDictionary<string, long> Rejections,
    IReadOnlyDictionary<GenerationStep, StepUsage> Usage,
    IReadOnlyList<GeneratedTask>? Resolved = null,
    double? WallSeconds = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? RejectedSamples = null);
