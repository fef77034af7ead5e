namespace SelfInstruct.Generate.Prompts;

/// <summary>Step 2's prompt and answer: is a new instruction a classification task?</summary>
public static class ClassificationPrompt
{
    /// <summary>The answer was neither yes nor no; the task is then treated as not a classification task.</summary>
    public const string UnclearAnswer = "unclear_classification_answer";

    /// <summary>The prompt: the few-shot demonstrations, then the instruction.</summary>
    public static string Build(PromptTemplate template, string instruction) =>
        template.Render(new Dictionary<string, string> { ["instruction"] = instruction.Trim() });

    /// <summary>A yes that only the lenient reading accepts ("Yes.", "yes, it is"); counted, not a rejection.</summary>
    public const string LenientYes = "lenient_yes";

    /// <summary>
    /// Reads the answer. Leniently, "Yes" (any case, punctuation or words after it) means classification; strictly,
    /// only "Yes", "yes" or "YES" after trimming does, as in the released code. Either way an answer whose first word
    /// is neither yes nor no is counted as <see cref="UnclearAnswer"/> and read as not classification, and a yes only
    /// the lenient reading accepts is counted as <see cref="LenientYes"/>.
    /// </summary>
    public static (bool IsClassification, IReadOnlyList<string> Counted) Parse(string? text, ClassificationAnswer reading)
    {
        var word = new string((text ?? "").TrimStart().TakeWhile(char.IsLetter).ToArray()).ToUpperInvariant();
        var strictYes = (text ?? "").Trim() is "Yes" or "yes" or "YES";
        var lenientYes = word == "YES";
        List<string> counted = [];
        if (word is not ("YES" or "NO"))
        {
            counted.Add(UnclearAnswer);
        }
        if (lenientYes && !strictYes)
        {
            counted.Add(LenientYes);
        }
        return (reading == ClassificationAnswer.Strict ? strictYes : lenientYes, counted);
    }
}
