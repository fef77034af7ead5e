namespace SelfInstruct.Generate.Prompts;

/// <summary>Step 2's prompt and answer: is a new instruction a classification task?</summary>
public static class ClassificationPrompt
{
    /// <summary>The answer was neither yes nor no; the task is then treated as not a classification task.</summary>
    public const string UnclearAnswer = "unclear_classification_answer";

    /// <summary>The prompt: the few-shot demonstrations, then the instruction.</summary>
    public static string Build(PromptTemplate template, string instruction) =>
        template.Render(new Dictionary<string, string> { ["instruction"] = instruction.Trim() });

    /// <summary>
    /// Reads the answer: "Yes" (any case, punctuation after it allowed) means classification, "No" means not.
    /// Anything else is counted as <see cref="UnclearAnswer"/> and read as not classification, as the released
    /// code reads every answer other than yes.
    /// </summary>
    public static (bool IsClassification, string? Failure) Parse(string? text)
    {
        var word = new string((text ?? "").TrimStart().TakeWhile(char.IsLetter).ToArray());
        return word.ToUpperInvariant() switch
        {
            "YES" => (true, null),
            "NO" => (false, null),
            _ => (false, UnclearAnswer),
        };
    }
}
