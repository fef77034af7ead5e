namespace SelfInstruct.Generate.Prompts;

/// <summary>
/// Step 3's prompt and parser: examples of a task, written input-first ("Input:", "Output:") or output-first
/// ("Class label:", "Input:"), each under "Example N". The parser follows the released code's rules and accepts
/// what a capable model writes after the prompt's "Example 1".
/// </summary>
public static partial class InstancePrompt
{
    /// <summary>The response held no text at all.</summary>
    public const string EmptyResponse = "empty_response";

    /// <summary>The response has none of the field labels the order needs ("Output:" or "Class label:").</summary>
    public const string NoInstances = "no_instances";

    /// <summary>The response hit the token limit: its last instance may be cut, so it is dropped.</summary>
    public const string TruncatedInstance = "truncated_instance";

    /// <summary>The order a task's instances are written in: output-first for classification tasks.</summary>
    public static InstanceOrder OrderFor(bool isClassification) =>
        isClassification ? InstanceOrder.OutputFirst : InstanceOrder.InputFirst;

    /// <summary>The prompt: the order's demonstrations, then the instruction and "Example 1".</summary>
    public static string Build(PromptTemplate template, string instruction) =>
        template.Render(new Dictionary<string, string> { ["instruction"] = instruction.Trim() });

    /// <summary>Reads the instances of one response.</summary>
    /// <param name="text">The response text.</param>
    /// <param name="order">The order the prompt asked for.</param>
    /// <param name="truncated">Whether the model hit the length limit; the last instance is then dropped.</param>
    public static InstanceParse Parse(string? text, InstanceOrder order, bool truncated)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new InstanceParse([], [EmptyResponse]);
        }
        var instances = order == InstanceOrder.InputFirst ? ParseInputFirst(text) : ParseOutputFirst(text);
        if (instances.Count == 0)
        {
            return new InstanceParse([], [NoInstances]);
        }
        if (truncated)
        {
            return new InstanceParse(instances[..^1], [TruncatedInstance]);
        }
        return new InstanceParse(instances, []);
    }

    private static List<TaskInstance> ParseInputFirst(string text)
    {
        var blocks = ExampleHeader().IsMatch(text)
            ? ExampleHeader().Split(text).Select(block => block.Trim()).Where(block => block.Length > 0)
            : OutputLabel().IsMatch(text) ? [text.Trim()] : [];
        return blocks.Select(ParseInputOutput).ToList();
    }

    // As the released code: the input is what precedes "Output:", minus a leading "Input:"; the output is what
    // follows, up to a further "Input:". Without "Output:" the whole block is an output with an empty input.
    private static TaskInstance ParseInputOutput(string block)
    {
        var parts = OutputLabel().Split(block);
        var (input, output) = parts.Length > 1 ? (parts[0], parts[1]) : ("", block);
        output = InputLabel().Split(output)[0];
        input = LeadingInputLabel().Replace(input.Trim(), "", 1);
        return new TaskInstance(input.Trim(), output.Trim());
    }

    // As the released code: every "Class label:" opens an instance; its first line is the label, the rest the input.
    private static List<TaskInstance> ParseOutputFirst(string text)
    {
        var withoutHeaders = ExampleHeader().Replace(text, "\n");
        return ClassLabel().Split(withoutHeaders)
            .Skip(1)
            .Select(piece =>
            {
                var fields = piece.Trim().Split('\n', 2);
                var input = fields.Length == 2 ? LeadingInputLabel().Replace(fields[1].Trim(), "", 1) : "";
                return new TaskInstance(input.Trim(), fields[0].Trim());
            })
            .ToList();
    }

    [GeneratedRegex(@"(?m)^[ \t]*Example[ \t]*\d+[ \t]*[.:]?")]
    private static partial Regex ExampleHeader();

    [GeneratedRegex(@"Output\s*\d*\s*:")]
    private static partial Regex OutputLabel();

    [GeneratedRegex(@"Input\s*\d*\s*:")]
    private static partial Regex InputLabel();

    [GeneratedRegex(@"^Input\s*\d*\s*:")]
    private static partial Regex LeadingInputLabel();

    [GeneratedRegex(@"Class label\s*:")]
    private static partial Regex ClassLabel();
}
