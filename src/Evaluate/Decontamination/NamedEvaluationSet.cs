namespace SelfInstruct.Evaluate.Decontamination;

/// <summary>An evaluation set a dataset is checked against, with the name the report gives it.</summary>
/// <param name="Name">How the report names the set, such as the path given on the command line.</param>
/// <param name="Set">The set's tasks and instances.</param>
public sealed record NamedEvaluationSet(string Name, EvaluationSet Set);
