namespace SelfInstruct.Core.Prompts;

/// <summary>How an instruction, its input and its output become the text a model trains on and is asked.</summary>
public enum PromptFormatKind
{
    /// <summary>
    /// Self-Instruct's fine-tuning style: one of several plain templates ("Input:", "Output:", "Task:") drawn at
    /// random per training instance, the output after the prompt, and the end-of-text token after the output.
    /// </summary>
    SelfInstruct,

    /// <summary>Stanford Alpaca's template: a preamble, then ### Instruction, ### Input and ### Response.</summary>
    Alpaca,

    /// <summary>
    /// The base checkpoint's own chat template (<see cref="ChatFormat"/>): the instruction and input as the user's
    /// message, the output as the assistant's; without a template, the plain transcript.
    /// </summary>
    Chat,
}
