namespace SelfInstruct.Generate.Pipeline;

/// <summary>The outcome of a run: why it stopped, every accepted task, and the final counts.</summary>
/// <param name="StopReason">Why the run ended.</param>
/// <param name="Tasks">Every accepted task, resumed ones included, in order.</param>
/// <param name="Progress">The final counts.</param>
/// <param name="ResumedBatches">Batches read back from the journal at the start.</param>
public sealed record GenerationResult(
    StopReason StopReason, IReadOnlyList<GeneratedTask> Tasks, GenerationProgress Progress, int ResumedBatches);
