namespace SelfInstruct.Core.Prompts;

/// <summary>
/// A prompt template with <c>{instruction}</c> and <c>{input}</c> placeholders and a response template with
/// <c>{output}</c>.
/// </summary>
public sealed record PromptTemplatePair(string Prompt, string Response)
{
    /// <summary>Fills the placeholders; values are trimmed first, as the released Self-Instruct code does.</summary>
    public SftExample Render(string instruction, string input, string output) => new(
        Prompt.Replace("{instruction}", instruction.Trim(), StringComparison.Ordinal)
            .Replace("{input}", input.Trim(), StringComparison.Ordinal),
        Response.Replace("{output}", output.Trim(), StringComparison.Ordinal));
}
