namespace SelfInstruct.Evaluate.Sets;

/// <summary>A worked example shown in a few-shot prompt (a SuperNI positive example).</summary>
public sealed record Demonstration(string Input, string Output);
