namespace SelfInstruct.Evaluate.Models;

/// <summary>A prompt still to be answered, keyed by its instance.</summary>
public sealed record PendingPrompt(string InstanceId, string Prompt);
