namespace SelfInstruct.Model.Generation;

/// <summary>One prompt's new token ids (without the end-of-sequence token) and why generation ended.</summary>
public sealed record GeneratedTokens(IReadOnlyList<int> TokenIds, FinishReason FinishReason);
