namespace SelfInstruct.Generate.Prompts;

/// <summary>
/// Step 1's prompt: a numbered list of example instructions, a few from the machine pool and the rest from the
/// seeds, shuffled, ending with the next open number for the model to continue.
/// </summary>
public static class InstructionPrompt
{
    /// <summary>
    /// Picks the prompt's instructions as the released code does: min(<paramref name="machineCount"/>, machine
    /// pool) from the machine pool, the rest from the seeds, each without repeats, then shuffled.
    /// </summary>
    public static IReadOnlyList<string> Sample(
        IReadOnlyList<string> seeds, IReadOnlyList<string> machine, int count, int machineCount, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegative(machineCount);
        var fromMachine = Math.Min(Math.Min(machineCount, count), machine.Count);
        if (count - fromMachine > seeds.Count)
        {
            throw new ArgumentException(
                $"a prompt needs {count - fromMachine} seed instructions, the seed pool has {seeds.Count}",
                nameof(seeds));
        }
        var picked = new List<string>(count);
        picked.AddRange(SampleWithoutRepeats(machine, fromMachine, random));
        picked.AddRange(SampleWithoutRepeats(seeds, count - fromMachine, random));
        var shuffled = picked.ToArray();
        random.Shuffle(shuffled);
        return shuffled;
    }

    /// <summary>
    /// The prompt: the template with the instructions as "1. ...\n2. ...\n" (each whitespace-collapsed and
    /// right-stripped of ':') and the next number after them.
    /// </summary>
    public static string Build(PromptTemplate template, IReadOnlyList<string> instructions)
    {
        var list = new StringBuilder();
        for (var index = 0; index < instructions.Count; index++)
        {
            var clean = PythonText.CollapseWhiteSpace(instructions[index]).Trim().TrimEnd(':');
            list.Append(CultureInfo.InvariantCulture, $"{index + 1}. {clean}\n");
        }
        return template.Render(new Dictionary<string, string>
        {
            ["instructions"] = list.ToString(),
            ["next_number"] = (instructions.Count + 1).ToString(CultureInfo.InvariantCulture),
        });
    }

    private static IEnumerable<string> SampleWithoutRepeats(IReadOnlyList<string> items, int count, Random random)
    {
        var indices = Enumerable.Range(0, items.Count).ToArray();
        // A partial Fisher-Yates shuffle: the first `count` slots end up a uniform sample without repeats.
        for (var slot = 0; slot < count; slot++)
        {
            var pick = random.Next(slot, indices.Length);
            (indices[slot], indices[pick]) = (indices[pick], indices[slot]);
        }
        return indices.Take(count).Select(index => items[index]);
    }
}
