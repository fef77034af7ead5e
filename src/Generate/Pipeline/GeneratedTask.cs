namespace SelfInstruct.Generate.Pipeline;

/// <summary>A new instruction the bootstrap filter accepted, with what the later steps made of it.</summary>
/// <param name="Id">Unique id, <c>machine_task_N</c> in order of acceptance.</param>
/// <param name="Instruction">The instruction.</param>
/// <param name="IsClassification">Step 2's answer.</param>
/// <param name="Instances">The instances that passed the instance filters; may be empty.</param>
/// <param name="MaxSimilarity">ROUGE-L F to the most similar pool instruction when accepted.</param>
/// <param name="MostSimilar">The ten most similar pool instructions when accepted.</param>
/// <param name="MeanSimilarity">Mean ROUGE-L F to the pool when accepted.</param>
/// <param name="SeedSimilarity">ROUGE-L F to the most similar seed instruction.</param>
/// <param name="PendingStep">
/// The step whose request got no answer yet (classification, then instances), so a later batch asks again; null once
/// both were answered.
/// </param>
/// <param name="Requests">
/// The journal keys of the requests that made it: the one whose answer proposed it, then its classification and
/// instance requests; null in journals written before they were kept.
/// </param>
public sealed record GeneratedTask(
    string Id,
    string Instruction,
    bool IsClassification,
    IReadOnlyList<TaskInstance> Instances,
    double MaxSimilarity,
    IReadOnlyList<SimilarityMatch> MostSimilar,
    double MeanSimilarity,
    double SeedSimilarity,
    GenerationStep? PendingStep = null,
    IReadOnlyList<string>? Requests = null);
