namespace SelfInstruct.Core.Prompts;

/// <summary>
/// A rendered training example: the prompt the model reads and the response it learns to write. They are tokenized
/// separately and joined, so the loss can be masked over the prompt; the end-of-text token follows the response.
/// </summary>
public sealed record SftExample(string Prompt, string Response);
