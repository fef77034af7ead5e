namespace SelfInstruct.Core.Prompts;

/// <summary>One message of a conversation as a chat template sees it: its role and its text.</summary>
public sealed record ChatTurn(string Role, string Content)
{
    /// <summary>The role of instructions given before the conversation.</summary>
    public const string System = "system";

    /// <summary>The role of the person asking.</summary>
    public const string User = "user";

    /// <summary>The role of the model answering.</summary>
    public const string Assistant = "assistant";

    /// <summary>The roles every chat format renders.</summary>
    public static IReadOnlyList<string> Roles { get; } = [System, User, Assistant];
}
