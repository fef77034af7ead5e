namespace SelfInstruct.Generate.Prompts;

/// <summary>
/// Reads an Alpaca-style response into whole tasks. A "Task N" line starts a task, whatever N is (models skip
/// numbers and start again at 1); so does a second Instruction line in one task, when a header is missing. A field
/// runs from its label to the next label or header, over several lines if need be. A missing Input or
/// <see cref="AlpacaPrompt.NoInput"/> is an empty input. A response the length limit cut off loses its last task,
/// which may be half written; the other tasks are as good as any.
/// </summary>
public static partial class AlpacaResponseParser
{
    /// <summary>The response held no text at all.</summary>
    public const string EmptyResponse = "empty_response";

    /// <summary>The response held text but no task.</summary>
    public const string NoTasks = "no_tasks";

    /// <summary>The last task of a response cut off at the length limit: it may be half written.</summary>
    public const string CutOffTask = "cut_off_task";

    /// <summary>A task without an instruction.</summary>
    public const string MissingInstruction = "missing_instruction";

    /// <summary>A task without an output.</summary>
    public const string MissingOutput = "missing_output";

    /// <summary>Parses one response.</summary>
    /// <param name="text">The response text: what follows the prompt's open "Task N" header.</param>
    /// <param name="truncated">Whether the model stopped at the length limit.</param>
    public static AlpacaParse Parse(string? text, bool truncated)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new AlpacaParse([], [EmptyResponse]);
        }
        var blocks = Blocks(text.Replace("\r\n", "\n", StringComparison.Ordinal));
        var failures = new List<string>();
        if (truncated && blocks.Count > 0)
        {
            blocks.RemoveAt(blocks.Count - 1);
            failures.Add(CutOffTask);
        }
        var tasks = new List<AlpacaExample>();
        foreach (var block in blocks)
        {
            var instruction = PythonText.CollapseWhiteSpace(block.Value("instruction")).Trim();
            var output = block.Value("output").Trim();
            var input = block.Value("input").Trim();
            if (instruction.Length == 0)
            {
                failures.Add(MissingInstruction);
            }
            else if (output.Length == 0)
            {
                failures.Add(MissingOutput);
            }
            else
            {
                tasks.Add(new AlpacaExample(instruction, IsNoInput(input) ? "" : input, output));
            }
        }
        if (tasks.Count == 0 && failures.Count == 0)
        {
            failures.Add(NoTasks);
        }
        return new AlpacaParse(tasks, failures);
    }

    private static List<TaskBlock> Blocks(string text)
    {
        var blocks = new List<TaskBlock>();
        var current = new TaskBlock();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine;
            if (Header().Match(line) is { Success: true } header && IsHeaderRest(header.Groups["rest"].Value))
            {
                current = Next(blocks, current);
                line = header.Groups["rest"].Value;
            }
            if (Separator().IsMatch(line))
            {
                continue;
            }
            if (Field().Match(line) is { Success: true } field)
            {
                var name = field.Groups["name"].Value.ToLowerInvariant();
                if (name == "instruction" && current.Has("instruction"))
                {
                    current = Next(blocks, current);
                }
                current.Start(name, field.Groups["value"].Value);
            }
            else
            {
                current.Continue(line);
            }
        }
        Next(blocks, current);
        return blocks;
    }

    private static TaskBlock Next(List<TaskBlock> blocks, TaskBlock current)
    {
        if (current.HasAny)
        {
            blocks.Add(current);
            return new TaskBlock();
        }
        return current;
    }

    // "Task 3 is done when..." inside an output is text; a header stands alone or carries a field.
    private static bool IsHeaderRest(string rest) => string.IsNullOrWhiteSpace(rest) || Field().IsMatch(rest);

    private static bool IsNoInput(string input) => NoInputMarker().IsMatch(input);

    // "Task 4", "## Task 4:", "**Task 4.**", and a field after it on the same line.
    [GeneratedRegex(@"^\s*(?:#+\s*)?\**\s*Task\s*#?\s*\d+\s*[:.)]?\s*\**\s*(?<rest>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Header();

    // "Instruction: ...", "4. Input:", "**Output:**", the value on the same line or the lines after.
    [GeneratedRegex(@"^\s*(?:\d+\s*[.)]\s*)?\**(?<name>instruction|input|output)\**\s*:\**\s?(?<value>.*)$",
        RegexOptions.IgnoreCase)]
    private static partial Regex Field();

    [GeneratedRegex(@"^\s*(?:#{3,}|-{3,})\s*$")]
    private static partial Regex Separator();

    [GeneratedRegex(@"^(?:<\s*no\s*-?\s*input\s*>|no\s*input\.?|none\.?|n/a)$", RegexOptions.IgnoreCase)]
    private static partial Regex NoInputMarker();

    /// <summary>One task's fields as read so far; a line outside any field is ignored.</summary>
    private sealed class TaskBlock
    {
        private readonly Dictionary<string, StringBuilder> _fields = new(StringComparer.Ordinal);
        private StringBuilder? _open;

        public bool HasAny => _fields.Count > 0;

        public bool Has(string name) => _fields.ContainsKey(name);

        public void Start(string name, string value)
        {
            _open = new StringBuilder(value);
            _fields[name] = _open;
        }

        public void Continue(string line) => _open?.Append('\n').Append(line);

        public string Value(string name) => _fields.TryGetValue(name, out var value) ? value.ToString() : "";
    }
}
