using SelfInstruct.Model.Generation;

namespace SelfInstruct.Model.Chat;

/// <summary>
/// One piece of a streamed completion: a text delta, or, last of all, an empty delta with the whole
/// <see cref="Result"/> (finish reason and token counts).
/// </summary>
public sealed record CompletionChunk(string Text, GeneratedText? Result = null);
