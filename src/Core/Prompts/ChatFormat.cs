namespace SelfInstruct.Core.Prompts;

/// <summary>
/// How a checkpoint's conversations become prompt text: its chat template when it ships one, else the plain
/// transcript (<see cref="ChatTranscript"/>). Chat generation, <c>serve</c>, evaluation with the chat prompt and the
/// chat fine-tuning format all go through it, so a model is asked the way it was trained.
/// </summary>
public sealed class ChatFormat
{
    private ChatFormat(ChatTemplate? template) => Template = template;

    /// <summary>The format of a checkpoint with <paramref name="template"/>, or the transcript when it is null.</summary>
    public static ChatFormat Of(ChatTemplate? template) => new(template);

    /// <summary>The checkpoint's template; null for the transcript.</summary>
    public ChatTemplate? Template { get; }

    /// <summary>One line for people saying which format chat turns go through.</summary>
    public string Description => Template is null
        ? "no chat template: chat turns use the plain transcript (System:, User:, Assistant:)"
        : $"chat turns use the chat template of {Template.SourceName}";

    /// <summary>The text that ends the assistant's turn, where generation stops.</summary>
    public IReadOnlyList<string> TurnStops => Template is null ? [ChatTranscript.TurnStop]
        : Template.EndOfTurn is { } endOfTurn ? [endOfTurn]
        : [];

    /// <summary>The prompt text of <paramref name="messages"/>, ready for the assistant's turn when asked.</summary>
    /// <exception cref="ArgumentException">A message's role is not system, user or assistant.</exception>
    /// <exception cref="Jinja.JinjaException">The template refuses the conversation.</exception>
    public string Render(IReadOnlyList<ChatTurn> messages, bool addGenerationPrompt) =>
        Template?.Render(messages, addGenerationPrompt) ?? ChatTranscript.Render(messages, addGenerationPrompt);

    /// <summary>The user's message for an instruction and its input (a blank line between, none without input).</summary>
    public static string UserMessage(string instruction, string input)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        ArgumentNullException.ThrowIfNull(input);
        return string.IsNullOrWhiteSpace(input) ? instruction.Trim() : $"{instruction.Trim()}\n\n{input.Trim()}";
    }

    /// <summary>
    /// A training example: the conversation of the user's message and the output as the assistant's, split where the
    /// assistant's turn begins, so only the assistant's tokens (and the template's end of turn) carry loss. With a
    /// template the end-of-text token is the template's business; the transcript is followed by it.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The template's conversation does not begin with its own generation prompt, so the assistant's part is unknown.
    /// </exception>
    public SftExample TrainingExample(string instruction, string input, string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var user = new ChatTurn(ChatTurn.User, UserMessage(instruction, input));
        if (Template is null)
        {
            return ChatTranscript.TrainingExample(user.Content, output);
        }
        var prompt = Template.Render([user], addGenerationPrompt: true);
        var conversation = Template.Render([user, new ChatTurn(ChatTurn.Assistant, output)], addGenerationPrompt: false);
        if (!conversation.StartsWith(prompt, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{Template.SourceName}: a conversation rendered by the template does not " +
                "begin with the template's own generation prompt, so the assistant's tokens cannot be told apart " +
                "for the chat format");
        }
        return new SftExample(prompt, conversation[prompt.Length..], EndOfTextFollows: false);
    }
}
