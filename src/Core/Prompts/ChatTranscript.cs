namespace SelfInstruct.Core.Prompts;

/// <summary>
/// The plain transcript a chat becomes for a model without a chat template: one paragraph per message,
/// "System: ...", "User: ...", "Assistant: ...", separated by blank lines, ending with "Assistant:" for the model to
/// continue. The model's turn ends at <see cref="TurnStop"/>, where it would start writing the user's next message.
/// </summary>
public static class ChatTranscript
{
    /// <summary>The stop sequence that ends the assistant's turn.</summary>
    public const string TurnStop = "\nUser:";

    /// <summary>
    /// The transcript of <paramref name="messages"/>; with <paramref name="addGenerationPrompt"/>, it ends with
    /// "Assistant:" for the model to continue.
    /// </summary>
    /// <exception cref="ArgumentException">A message's role is not system, user or assistant.</exception>
    public static string Render(IReadOnlyList<ChatTurn> messages, bool addGenerationPrompt)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var prompt = new StringBuilder();
        for (var index = 0; index < messages.Count; index++)
        {
            prompt.Append(Speaker(messages[index].Role, index)).Append(": ").Append(messages[index].Content.Trim())
                .Append("\n\n");
        }
        return addGenerationPrompt ? prompt.Append("Assistant:").ToString() : prompt.ToString();
    }

    /// <summary>
    /// A training example for the transcript: the user's message as the prompt, the output after "Assistant:".
    /// </summary>
    public static SftExample TrainingExample(string userMessage, string output) =>
        new(Render([new ChatTurn(ChatTurn.User, userMessage)], addGenerationPrompt: true), " " + output.Trim());

    private static string Speaker(string role, int index) => role switch
    {
        ChatTurn.System => "System",
        ChatTurn.User => "User",
        ChatTurn.Assistant => "Assistant",
        _ => throw new ArgumentException($"message {index}: role '{role}' is not one of " +
            $"{string.Join(", ", ChatTurn.Roles)}"),
    };
}
