namespace SelfInstruct.Generate.Prompts;

/// <summary>
/// The Alpaca style's prompt: a few seed tasks written out whole as "Task N" with Instruction, Input and Output
/// lines, then a request for many new tasks numbered on from them, ending on the first new task's header.
/// </summary>
public static class AlpacaPrompt
{
    /// <summary>How an empty input is written, in the examples and by the model.</summary>
    public const string NoInput = "<noinput>";

    /// <summary>
    /// <paramref name="count"/> seed tasks drawn without repeats, each with its first instance, in draw order.
    /// </summary>
    /// <exception cref="ArgumentException">The seed pool has fewer tasks than a prompt shows.</exception>
    public static IReadOnlyList<AlpacaExample> Sample(IReadOnlyList<SeedTask> seeds, int count, Random random)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (count > seeds.Count)
        {
            throw new ArgumentException(
                $"an Alpaca prompt shows {count} seed tasks, the seed pool has {seeds.Count}", nameof(seeds));
        }
        var indices = Enumerable.Range(0, seeds.Count).ToArray();
        for (var slot = 0; slot < count; slot++)
        {
            var pick = random.Next(slot, indices.Length);
            (indices[slot], indices[pick]) = (indices[pick], indices[slot]);
        }
        return indices.Take(count).Select(index => seeds[index])
            .Select(seed => new AlpacaExample(seed.Instruction, seed.Instances[0].Input, seed.Instances[0].Output))
            .ToList();
    }

    /// <summary>The prompt asking for <paramref name="count"/> new tasks after <paramref name="examples"/>.</summary>
    public static string Build(PromptTemplate template, IReadOnlyList<AlpacaExample> examples, int count)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(examples);
        var written = new StringBuilder();
        for (var index = 0; index < examples.Count; index++)
        {
            var example = examples[index];
            var input = example.Input.Length == 0 ? NoInput : example.Input;
            written.Append(CultureInfo.InvariantCulture, $"Task {index + 1}\n")
                .Append(CultureInfo.InvariantCulture, $"Instruction: {Clean(example.Instruction)}\n")
                .Append(CultureInfo.InvariantCulture, $"Input: {input}\n")
                .Append(CultureInfo.InvariantCulture, $"Output: {example.Output}\n\n");
        }
        return template.Render(new Dictionary<string, string>
        {
            ["example_count"] = examples.Count.ToString(CultureInfo.InvariantCulture),
            ["count"] = count.ToString(CultureInfo.InvariantCulture),
            ["examples"] = written.ToString(),
            ["next_number"] = (examples.Count + 1).ToString(CultureInfo.InvariantCulture),
        });
    }

    /// <summary>The header after the last task asked for, where the model should stop.</summary>
    public static string StopAfter(int exampleCount, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"Task {exampleCount + count + 1}");

    private static string Clean(string instruction) => PythonText.CollapseWhiteSpace(instruction).Trim();
}
