namespace SelfInstruct.Evaluate.Sets;

/// <summary>The tasks to evaluate, where they came from and which listed tasks were not found.</summary>
/// <param name="Kind">The kind of set.</param>
/// <param name="Source">The folder or file read.</param>
/// <param name="Tasks">The tasks, in list order.</param>
/// <param name="MissingTasks">Tasks the list names whose file is absent (a partial SuperNI copy).</param>
public sealed record EvaluationSet(
    EvaluationSetKind Kind,
    string Source,
    IReadOnlyList<EvaluationTask> Tasks,
    IReadOnlyList<string> MissingTasks)
{
    /// <summary>Instances over all tasks.</summary>
    public int InstanceCount => Tasks.Sum(task => task.Instances.Count);
}
