namespace SelfInstruct.Core.Prompts;

/// <summary>
/// A rendered training example: the prompt the model reads and the response it learns to write. They are tokenized
/// separately and joined, so the loss can be masked over the prompt; the end-of-text token follows the response
/// unless <paramref name="EndOfTextFollows"/> is false (a chat template ends the turn its own way).
/// </summary>
public sealed record SftExample(string Prompt, string Response, bool EndOfTextFollows = true);
