namespace SelfInstruct.Evaluate.Decontamination;

/// <summary>How many generated tasks overlap one evaluation set.</summary>
/// <param name="Name">The set's name.</param>
/// <param name="Kind">The kind of set.</param>
/// <param name="Source">The folder or file read.</param>
/// <param name="Tasks">Evaluation tasks in the set.</param>
/// <param name="Instances">Evaluation instances in the set.</param>
/// <param name="FlaggedTasks">Generated tasks flagged by either check.</param>
/// <param name="ByRougeL">Generated tasks whose instruction reaches the ROUGE-L threshold.</param>
/// <param name="ByNGram">Generated tasks that share an n-gram with an evaluation instance.</param>
public sealed record SetOverlap(
    string Name,
    EvaluationSetKind Kind,
    string Source,
    int Tasks,
    int Instances,
    int FlaggedTasks,
    int ByRougeL,
    int ByNGram);
