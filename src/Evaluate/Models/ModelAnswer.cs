namespace SelfInstruct.Evaluate.Models;

/// <summary>A model's answer to one pending prompt.</summary>
/// <param name="InstanceId">The instance answered.</param>
/// <param name="Text">The generated text, trimmed.</param>
/// <param name="FinishReason">"stop" or "length".</param>
/// <param name="PromptTokens">Prompt tokens after truncation, when known.</param>
/// <param name="OutputTokens">Generated tokens, when known.</param>
/// <param name="Truncated">Whether the prompt was cut from the left to fit the context.</param>
public sealed record ModelAnswer(
    string InstanceId, string Text, string FinishReason, int? PromptTokens, int? OutputTokens, bool Truncated);
