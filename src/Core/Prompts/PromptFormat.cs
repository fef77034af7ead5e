namespace SelfInstruct.Core.Prompts;

/// <summary>
/// The supervised fine-tuning prompt format, shared by finetune (training text) and evaluate (prompts for a tuned
/// checkpoint). Training may draw among several templates; inference always uses one fixed template that is among
/// them, so the prompt a tuned model sees at evaluation is one it was trained on.
/// </summary>
/// <remarks>
/// Self-Instruct's templates are the released <c>prepare_for_finetuning.py</c>'s, in its order: 7 for instances with
/// an input and 6 without, drawn uniformly; before the draw, with probability one half, the input loses a single
/// leading field name and its blank lines (<see cref="FieldNameStripping"/>).
/// </remarks>
public sealed class PromptFormat
{
    private static readonly PromptTemplatePair[] _selfInstructWithInput =
    [
        new("{instruction}\nInput: {input}\nOutput:", " {output}"),
        new("{instruction}\n\nInput: {input}\n\nOutput:", " {output}"),
        new("Task: {instruction}\nInput: {input}\nOutput:", " {output}"),
        new("{instruction}\n\n{input}\n\nOutput:", " {output}"),
        new("{instruction}\n\n{input}\n\n", "{output}"),
        new("{instruction}\n{input}\n\n", "{output}"),
        new("Task: {instruction}\n\n{input}\n\n", "{output}"),
    ];

    private static readonly PromptTemplatePair[] _selfInstructWithoutInput =
    [
        new("{instruction} Output:", " {output}"),
        new("{instruction}\nOutput:", " {output}"),
        new("{instruction}\n\nOutput:", " {output}"),
        new("{instruction}\n", "{output}"),
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
    private readonly int _inferenceWithoutInput;
    private readonly ChatFormat? _chat;

    private PromptFormat(
        PromptFormatKind kind, PromptTemplatePair[] withInput, PromptTemplatePair[] withoutInput,
        int inferenceWithoutInput = 0, ChatFormat? chat = null)
    {
        Kind = kind;
        _withInput = withInput;
        _withoutInput = withoutInput;
        _inferenceWithoutInput = inferenceWithoutInput;
        _chat = chat;
    }

    /// <summary>Which format this is.</summary>
    public PromptFormatKind Kind { get; }

    /// <summary>
    /// The templates drawn from when an instance has an input; the first is the inference template. The chat format
    /// has none: it renders through its <see cref="ChatFormat"/>.
    /// </summary>
    public IReadOnlyList<PromptTemplatePair> TemplatesWithInput => _withInput;

    /// <summary>The templates drawn from when an instance has no input.</summary>
    public IReadOnlyList<PromptTemplatePair> TemplatesWithoutInput => _withoutInput;

    /// <summary>The template a tuned model is prompted with when the instance has no input.</summary>
    /// <exception cref="InvalidOperationException">The chat format, which has no template pairs.</exception>
    public PromptTemplatePair InferenceWithoutInput => _chat is null ? _withoutInput[_inferenceWithoutInput]
        : throw new InvalidOperationException("the chat format has no template pairs: it renders through its chat " +
            "format");

    /// <summary>The format of a kind other than chat, which needs a checkpoint's <see cref="ForChat"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Chat, or not a defined kind.</exception>
    public static PromptFormat For(PromptFormatKind kind) => kind switch
    {
        // "{instruction}\nOutput:" rather than the released list's first, so a prompt reads the same with and
        // without an input.
        PromptFormatKind.SelfInstruct => new(kind, _selfInstructWithInput, _selfInstructWithoutInput, 1),
        PromptFormatKind.Alpaca => new(kind, _alpacaWithInput, _alpacaWithoutInput),
        PromptFormatKind.Chat => throw new ArgumentOutOfRangeException(nameof(kind), kind,
            "the chat format renders through a checkpoint's chat format: use ForChat"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a prompt format"),
    };

    /// <summary>The chat format over a checkpoint's <paramref name="chat"/> (its template, or the transcript).</summary>
    public static PromptFormat ForChat(ChatFormat chat)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return new(PromptFormatKind.Chat, [], [], chat: chat);
    }

    /// <summary>
    /// A training example; with <paramref name="random"/>, drawn as the released code does (Self-Instruct's input
    /// preprocessing, then a template), without, the inference template is used.
    /// </summary>
    public SftExample RenderTraining(string instruction, string input, string output, Random? random)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if (_chat is not null)
        {
            return _chat.TrainingExample(instruction, input, output);
        }
        if (random is null)
        {
            return Inference(input).Render(instruction, input, output);
        }
        if (Kind == PromptFormatKind.SelfInstruct && random.NextDouble() < 0.5)
        {
            input = FieldNameStripping.Apply(input);
        }
        var templates = string.IsNullOrWhiteSpace(input) ? _withoutInput : _withInput;
        return templates[random.Next(templates.Length)].Render(instruction, input, output);
    }

    /// <summary>The prompt a tuned model is asked at inference: the inference template, with no output.</summary>
    public string RenderPrompt(string instruction, string input)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        ArgumentNullException.ThrowIfNull(input);
        return _chat is not null
            ? _chat.Render([new ChatTurn(ChatTurn.User, ChatFormat.UserMessage(instruction, input))],
                addGenerationPrompt: true)
            : Inference(input).Render(instruction, input, "").Prompt;
    }

    private PromptTemplatePair Inference(string input) =>
        string.IsNullOrWhiteSpace(input) ? InferenceWithoutInput : _withInput[0];
}
