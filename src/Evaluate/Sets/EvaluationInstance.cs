namespace SelfInstruct.Evaluate.Sets;

/// <summary>One instance to predict: its input and the acceptable outputs (at least one).</summary>
/// <param name="Id">Unique within the set, such as <c>task1344-ecbf05b7...</c>.</param>
/// <param name="Input">The instance input; empty when the task has none.</param>
/// <param name="References">The gold outputs; a prediction scores the best over them.</param>
public sealed record EvaluationInstance(string Id, string Input, IReadOnlyList<string> References);
