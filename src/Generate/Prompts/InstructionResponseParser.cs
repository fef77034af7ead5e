namespace SelfInstruct.Generate.Prompts;

/// <summary>
/// Splits an instruction generation response into candidate instructions as the released code does: on a line
/// break followed by "N. ", whitespace collapsed and trimmed, empty items dropped. A response the length limit cut
/// off is discarded whole, because its last item may be half an instruction.
/// </summary>
public static partial class InstructionResponseParser
{
    /// <summary>The response hit the token limit: its last item may be cut, so none is trusted.</summary>
    public const string TruncatedResponse = "truncated_response";

    /// <summary>The response held no text at all.</summary>
    public const string EmptyResponse = "empty_response";

    /// <summary>The response held text but no item once split and trimmed.</summary>
    public const string NoInstructions = "no_instructions";

    /// <summary>Parses one response.</summary>
    /// <param name="text">The response text; the continuation after the prompt's last "N.".</param>
    /// <param name="truncated">Whether the model stopped at the length limit.</param>
    public static InstructionParse Parse(string? text, bool truncated)
    {
        if (truncated)
        {
            return new InstructionParse([], TruncatedResponse);
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            return new InstructionParse([], EmptyResponse);
        }
        // Chat models often repeat the open number ("9. ...") that a completion model would continue after.
        var body = LeadingNumber().Replace(text, "", 1);
        var instructions = ItemBreak().Split(body)
            .Select(item => Capitalize(PythonText.CollapseWhiteSpace(item)))
            .Where(item => item.Length > 0)
            .ToList();
        return new InstructionParse(instructions, instructions.Count == 0 ? NoInstructions : null);
    }

    // The released code uses Python's capitalize(), which also lower-cases the rest ("SQL" becomes "sql"); we
    // only raise the first letter, so names and acronyms survive.
    private static string Capitalize(string item) =>
        item.Length == 0 || !char.IsLower(item[0]) ? item : char.ToUpperInvariant(item[0]) + item[1..];

    [GeneratedRegex(@"\n\d+\s?\. ")]
    private static partial Regex ItemBreak();

    [GeneratedRegex(@"^\s*\d+\s?\.\s")]
    private static partial Regex LeadingNumber();
}
