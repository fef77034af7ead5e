namespace SelfInstruct.Finetune.Data;

/// <summary>
/// The rows to train and validate on, split by task so no task has instances on both sides; both keep at most the
/// configured number of instances per task.
/// </summary>
public sealed record TrainingSplit(
    IReadOnlyList<DatasetRow> Train,
    IReadOnlyList<DatasetRow> Validation,
    int TrainTasks,
    int ValidationTasks);
