namespace SelfInstruct.Evaluate.Configuration;

/// <summary>How an evaluation instance becomes the prompt every model under test is asked.</summary>
public enum PromptStyle
{
    /// <summary>
    /// The stored format of a tuned checkpoint if any model under test has one (then for every model, so base and
    /// tuned see the same prompt), else the set's own prompt: SuperNI's definition prompt or the user-oriented one.
    /// </summary>
    [JsonStringEnumMemberName("auto")]
    Auto,

    /// <summary>SuperNI's prompt as Tk-Instruct and Self-Instruct ran it: the definition, then the input.</summary>
    [JsonStringEnumMemberName("superni")]
    SuperNi,

    /// <summary>Self-Instruct's user-oriented prompt: the instruction, <c>Input:</c>, <c>Output:</c>.</summary>
    [JsonStringEnumMemberName("user-oriented")]
    UserOriented,

    /// <summary>The Self-Instruct fine-tuning format's inference template (Core's prompt format).</summary>
    [JsonStringEnumMemberName("self-instruct")]
    SelfInstruct,

    /// <summary>The Alpaca fine-tuning format (Core's prompt format).</summary>
    [JsonStringEnumMemberName("alpaca")]
    Alpaca,

    /// <summary>
    /// The instruction and input as the user's message, through each checkpoint's own chat format (its chat template,
    /// or the plain transcript without one); an endpoint gets the same message and applies its own template.
    /// </summary>
    [JsonStringEnumMemberName("chat")]
    Chat,
}
