namespace SelfInstruct.Evaluate.Runs;

/// <summary>
/// The judge's prompt, Self-Instruct's human rating scheme put to a model: the instruction, input, a reference and
/// the response, rated A (valid and satisfying), B (acceptable, minor imperfections), C (responds, significant
/// errors) or D (irrelevant or invalid). The reply's first standalone A..D is the level; none gives "?".
/// </summary>
public static partial class JudgePrompt
{
    /// <summary>The most tokens a judge may reply with: the level's letter, with room for a word around it.</summary>
    public const int MaxAnswerTokens = 8;

    /// <summary>The prompt for one response.</summary>
    public static string Render(string instruction, string input, string reference, string response) =>
        "Rate how well the response carries out the instruction, on four levels:\n" +
        "A: The response is valid and satisfying.\n" +
        "B: The response is acceptable but has minor errors or imperfections.\n" +
        "C: The response is relevant and responds to the instruction, but it has significant errors in the content.\n" +
        "D: The response is irrelevant or completely invalid.\n\n" +
        $"Instruction: {instruction.Trim()}\n" +
        (string.IsNullOrWhiteSpace(input) ? "" : $"Input: {input.Trim()}\n") +
        $"Reference answer (one acceptable answer): {reference.Trim()}\n" +
        $"Response: {response.Trim()}\n\n" +
        "Reply with the letter of the level only.";

    /// <summary>The level a reply names, or "?".</summary>
    public static string Level(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var match = LevelPattern().Match(reply);
        return match.Success ? match.Value : "?";
    }

    [GeneratedRegex(@"\b[ABCD]\b")]
    private static partial Regex LevelPattern();
}
