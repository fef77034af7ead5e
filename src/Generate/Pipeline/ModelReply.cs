namespace SelfInstruct.Generate.Pipeline;

/// <summary>One answered request, as the journal keeps it so a resumed run never pays for it again.</summary>
/// <param name="Key">Hash of the step, model, decoding options and prompt.</param>
/// <param name="Text">The response text.</param>
/// <param name="Truncated">Whether the model stopped at the token limit.</param>
/// <param name="InputTokens">Prompt tokens as the backend reported them; 0 when it reported none.</param>
/// <param name="OutputTokens">Output tokens as the backend reported them; 0 when it reported none.</param>
/// <param name="Step">The step that asked; null in journals written before it was kept.</param>
/// <param name="Prompt">The prompt sent, so the journal shows each exchange whole (<c>selfinstruct view</c>); null in
/// journals written before it was kept.</param>
public sealed record ModelReply(string Key, string Text, bool Truncated, long InputTokens, long OutputTokens,
    GenerationStep? Step = null, string? Prompt = null);
