namespace SelfInstruct.Core.Records;

/// <summary>A task in the original Self-Instruct seed format: an instruction with its instances.</summary>
/// <param name="Id">Unique id, such as <c>seed_task_0</c>.</param>
/// <param name="Name">Short snake_case name.</param>
/// <param name="Instruction">The task instruction.</param>
/// <param name="Instances">At least one example of the task.</param>
/// <param name="IsClassification">Whether the outputs come from a finite label set.</param>
public sealed record SeedTask(
    string Id,
    string Name,
    string Instruction,
    IReadOnlyList<TaskInstance> Instances,
    bool IsClassification);
