using Microsoft.Extensions.AI;

namespace SelfInstruct.Model.Chat;

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
    /// The prompt for <paramref name="messages"/>, with <paramref name="instructions"/> first when given.
    /// </summary>
    public static string Render(IEnumerable<ChatMessage> messages, string? instructions)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var prompt = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(instructions))
        {
            prompt.Append("System: ").Append(instructions.Trim()).Append("\n\n");
        }
        foreach (var message in messages)
        {
            prompt.Append(Speaker(message.Role)).Append(": ").Append(message.Text.Trim()).Append("\n\n");
        }
        return prompt.Append("Assistant:").ToString();
    }

    private static string Speaker(ChatRole role) =>
        role == ChatRole.System ? "System"
        : role == ChatRole.Assistant ? "Assistant"
        : role == ChatRole.User ? "User"
        : throw new ArgumentException($"a local model has no transcript form for {role.Value} messages",
            nameof(role));
}
