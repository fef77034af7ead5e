namespace SelfInstruct.Evaluate.Results;

/// <summary>The evaluation set as results record it.</summary>
public sealed record SetSummary(
    EvaluationSetKind Kind, string Source, int TaskCount, int InstanceCount, IReadOnlyList<string> MissingTasks);
