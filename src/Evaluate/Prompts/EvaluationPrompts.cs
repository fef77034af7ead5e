namespace SelfInstruct.Evaluate.Prompts;

/// <summary>
/// Renders the prompt a model under test is asked. SuperNI's is Tk-Instruct's encoding (the one Self-Instruct's
/// SuperNI evaluation used): <c>Definition: ...</c>, optional positive examples, then
/// <c>Now complete the following example -</c>, <c>Input: ...</c> and <c>Output: </c>, each part ending in ASCII
/// punctuation (a full stop is added otherwise). The user-oriented prompt is the instruction, <c>Input:</c> and
/// <c>Output:</c>. The fine-tuning formats come from Core's <see cref="PromptFormat"/>; the chat prompt is the user's
/// message, which each model's chat format wraps.
/// </summary>
public static class EvaluationPrompts
{
    private const string AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /// <summary>The prompt for one instance in a resolved (not auto) style.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="style"/> is auto or undefined.</exception>
    public static string Render(PromptStyle style, int positiveExamples, EvaluationTask task,
        EvaluationInstance instance)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(instance);
        return style switch
        {
            PromptStyle.SuperNi => SuperNi(task.Instruction, task.Demonstrations.Take(positiveExamples).ToList(),
                instance.Input),
            PromptStyle.UserOriented => UserOriented(task.Instruction, instance.Input),
            PromptStyle.SelfInstruct => PromptFormat.For(PromptFormatKind.SelfInstruct)
                .RenderPrompt(task.Instruction, instance.Input),
            PromptStyle.Alpaca => PromptFormat.For(PromptFormatKind.Alpaca)
                .RenderPrompt(task.Instruction, instance.Input),
            PromptStyle.Chat => ChatFormat.UserMessage(task.Instruction, instance.Input),
            _ => throw new ArgumentOutOfRangeException(nameof(style), style, "expected a resolved prompt style"),
        };
    }

    /// <summary>Tk-Instruct's SuperNI encoding with a definition and the given positive examples.</summary>
    public static string SuperNi(string definition, IReadOnlyList<Demonstration> demonstrations, string input)
    {
        var prompt = new StringBuilder();
        prompt.Append(Punctuated("Definition: " + definition.Trim())).Append("\n\n");
        for (var index = 0; index < demonstrations.Count; index++)
        {
            prompt.Append(" Positive Example ").Append(index + 1).Append(" -\n");
            prompt.Append(Punctuated("Input: " + demonstrations[index].Input.Trim())).Append('\n');
            prompt.Append(Punctuated(" Output: " + demonstrations[index].Output.Trim())).Append('\n');
            prompt.Append('\n');
        }
        prompt.Append("Now complete the following example -\n");
        prompt.Append(Punctuated("Input: " + input.Trim())).Append('\n');
        return prompt.Append("Output: ").ToString();
    }

    /// <summary>Self-Instruct's user-oriented prompt; without an input the Input line is left out.</summary>
    public static string UserOriented(string instruction, string input) => string.IsNullOrWhiteSpace(input)
        ? $"{instruction.Trim()}\n\nOutput:"
        : $"{instruction.Trim()}\n\nInput: {input.Trim()}\n\nOutput:";

    private static string Punctuated(string text) =>
        AsciiPunctuation.Contains(text[^1], StringComparison.Ordinal) ? text : text + ".";
}
