namespace SelfInstruct.Model.Generation;

/// <summary>
/// One prompt's completion: the text (cut before any stop sequence), its token ids and the token counts.
/// </summary>
public sealed record GeneratedText(
    string Text, IReadOnlyList<int> TokenIds, FinishReason FinishReason, int PromptTokenCount);
