namespace SelfInstruct.Core.Prompts;

/// <summary>
/// The supervised fine-tuning prompt format, shared by finetune (training text) and evaluate (prompts for a tuned
/// checkpoint). Training may draw among several templates; inference always uses the first, so the prompt a tuned
/// model sees at evaluation is one it was trained on.
/// </summary>
public sealed class PromptFormat
{
    private static readonly PromptTemplatePair[] _selfInstructWithInput =
    [
        new("{instruction}\nInput: {input}\nOutput:", " {output}"),
        new("{instruction}\n\nInput: {input}\n\nOutput:", " {output}"),
        new("Task: {instruction}\nInput: {input}\nOutput:", " {output}"),
        new("{instruction}\n\n{input}\n\nOutput:", " {output}"),
        new("{instruction}\n\n{input}\n\n", "{output}"),
        new("Task: {instruction}\n\n{input}\n\n", "{output}"),
    ];

    private static readonly PromptTemplatePair[] _selfInstructWithoutInput =
    [
        new("{instruction}\nOutput:", " {output}"),
        new("{instruction}\n\nOutput:", " {output}"),
        new("Task: {instruction}\nOutput:", " {output}"),
        new("{instruction}\n\n", "{output}"),
        new("Task: {instruction}\n\n", "{output}"),
    ];

    private static readonly PromptTemplatePair[] _alpacaWithInput =
    [
        new("Below is an instruction that describes a task, paired with an input that provides further context. " +
            "Write a response that appropriately completes the request.\n\n" +
            "### Instruction:\n{instruction}\n\n### Input:\n{input}\n\n### Response:\n", "{output}"),
    ];

    private static readonly PromptTemplatePair[] _alpacaWithoutInput =
    [
        new("Below is an instruction that describes a task. " +
            "Write a response that appropriately completes the request.\n\n" +
            "### Instruction:\n{instruction}\n\n### Response:\n", "{output}"),
    ];

    private readonly PromptTemplatePair[] _withInput;
    private readonly PromptTemplatePair[] _withoutInput;

    private PromptFormat(PromptFormatKind kind, PromptTemplatePair[] withInput, PromptTemplatePair[] withoutInput)
    {
        Kind = kind;
        _withInput = withInput;
        _withoutInput = withoutInput;
    }

    /// <summary>Which format this is.</summary>
    public PromptFormatKind Kind { get; }

    /// <summary>The templates used when an instance has an input; the first is the inference template.</summary>
    public IReadOnlyList<PromptTemplatePair> TemplatesWithInput => _withInput;

    /// <summary>The templates used when an instance has no input; the first is the inference template.</summary>
    public IReadOnlyList<PromptTemplatePair> TemplatesWithoutInput => _withoutInput;

    /// <summary>The format of a kind.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined kind.</exception>
    public static PromptFormat For(PromptFormatKind kind) => kind switch
    {
        PromptFormatKind.SelfInstruct => new(kind, _selfInstructWithInput, _selfInstructWithoutInput),
        PromptFormatKind.Alpaca => new(kind, _alpacaWithInput, _alpacaWithoutInput),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a prompt format"),
    };

    /// <summary>
    /// A training example; with <paramref name="random"/>, the template is drawn from it (Self-Instruct's variety),
    /// without, the inference template is used.
    /// </summary>
    public SftExample RenderTraining(string instruction, string input, string output, Random? random)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var templates = string.IsNullOrWhiteSpace(input) ? _withoutInput : _withInput;
        var template = random is null ? templates[0] : templates[random.Next(templates.Length)];
        return template.Render(instruction, input, output);
    }

    /// <summary>The prompt a tuned model is asked at inference: the first template, with no output.</summary>
    public string RenderPrompt(string instruction, string input)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        ArgumentNullException.ThrowIfNull(input);
        var templates = string.IsNullOrWhiteSpace(input) ? _withoutInput : _withInput;
        return templates[0].Render(instruction, input, "").Prompt;
    }
}
