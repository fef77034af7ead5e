namespace SelfInstruct.Finetune.Configuration;

/// <summary>What happens to an example longer than the context.</summary>
public enum TruncationPolicy
{
    /// <summary>Cut tokens from the start of the prompt until it fits; drop it if the response cannot fit.</summary>
    TruncatePrompt,

    /// <summary>Leave the example out.</summary>
    Drop,
}
