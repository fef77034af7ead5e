namespace SelfInstruct.Evaluate.Runs;

/// <summary>An instance of the set with the prompt every model is asked for it.</summary>
public sealed record PromptedInstance(EvaluationTask Task, EvaluationInstance Instance, string Prompt);
