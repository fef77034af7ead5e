namespace SelfInstruct.Evaluate.Configuration;

/// <summary>The command-line names of <see cref="PromptStyle"/>.</summary>
public static class PromptStyles
{
    /// <summary>Parses auto, superni, user-oriented, self-instruct or alpaca (any case).</summary>
    public static bool TryParse(string name, out PromptStyle style)
    {
        ArgumentNullException.ThrowIfNull(name);
        (var found, style) = name.Trim().ToLowerInvariant() switch
        {
            "auto" => (true, PromptStyle.Auto),
            "superni" => (true, PromptStyle.SuperNi),
            "user-oriented" => (true, PromptStyle.UserOriented),
            "self-instruct" => (true, PromptStyle.SelfInstruct),
            "alpaca" => (true, PromptStyle.Alpaca),
            _ => (false, default),
        };
        return found;
    }

    /// <summary>The command-line name of a style.</summary>
    public static string Name(PromptStyle style) => style switch
    {
        PromptStyle.Auto => "auto",
        PromptStyle.SuperNi => "superni",
        PromptStyle.UserOriented => "user-oriented",
        PromptStyle.SelfInstruct => "self-instruct",
        PromptStyle.Alpaca => "alpaca",
        _ => throw new ArgumentOutOfRangeException(nameof(style), style, "not a prompt style"),
    };
}
