using SelfInstruct.Generate.Prompts;

namespace SelfInstruct.Cli.Pipeline;

/// <summary>
/// The demo's warm-up text. A model made from scratch knows nothing, so before it self-instructs it is taught the
/// generate stage's own three prompts, filled from the seed pool and answered the way the seeds answer them: more
/// seed instructions after a numbered list, Yes or No for classification, and a seed's instances after its task.
/// Nothing here is new data; it only teaches the format the filters expect.
/// </summary>
public static class WarmupCorpus
{
    /// <summary>The instructions a warm-up instruction example continues the list with.</summary>
    public const int ContinuedInstructions = 3;

    /// <summary>
    /// <paramref name="listExamples"/> instruction-list examples, then one classification and one instance example
    /// per seed task, in a shuffled order drawn from <paramref name="random"/>.
    /// </summary>
    public static IReadOnlyList<SftExample> Build(
        IReadOnlyList<SeedTask> seeds, PromptTemplates templates, int promptInstructions, int listExamples,
        Random random)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(seeds.Count, promptInstructions + ContinuedInstructions);
        var instructions = seeds.Select(seed => seed.Instruction).ToList();
        var examples = new List<SftExample>();
        for (var index = 0; index < listExamples; index++)
        {
            examples.Add(InstructionList(templates.InstructionGeneration, instructions, promptInstructions, random));
        }
        foreach (var seed in seeds)
        {
            examples.Add(new SftExample(
                ClassificationPrompt.Build(templates.ClassificationIdentification, seed.Instruction),
                seed.IsClassification ? " Yes" : " No"));
            examples.Add(Instances(templates, seed));
        }
        var shuffled = examples.ToArray();
        random.Shuffle(shuffled);
        return shuffled;
    }

    private static SftExample InstructionList(
        PromptTemplate template, IReadOnlyList<string> instructions, int promptInstructions, Random random)
    {
        var picked = InstructionPrompt.Sample(instructions, [], promptInstructions + ContinuedInstructions, 0, random);
        var prompt = InstructionPrompt.Build(template, picked.Take(promptInstructions).ToList());
        var response = new StringBuilder();
        for (var index = promptInstructions; index < picked.Count; index++)
        {
            var number = index + 1;
            // The prompt ends with the first number and its dot; later items carry their own.
            response.Append(number == promptInstructions + 1
                ? " "
                : $"{number.ToString(CultureInfo.InvariantCulture)}. ");
            response.Append(picked[index].Trim()).Append('\n');
        }
        // A blank line ends the list: it is the generate stage's first stop sequence.
        return new SftExample(prompt, response.Append('\n').ToString());
    }

    private static SftExample Instances(PromptTemplates templates, SeedTask seed)
    {
        var order = InstancePrompt.OrderFor(seed.IsClassification);
        var template = order == InstanceOrder.InputFirst
            ? templates.InstancesInputFirst
            : templates.InstancesOutputFirst;
        // The prompt ends with "Example 1", so the answer starts on the next line.
        var response = new StringBuilder("\n");
        for (var index = 0; index < seed.Instances.Count; index++)
        {
            var instance = seed.Instances[index];
            if (index > 0)
            {
                response.Append(CultureInfo.InvariantCulture, $"Example {index + 1}\n");
            }
            response.Append(order == InstanceOrder.InputFirst
                ? $"Input: {instance.Input.Trim()}\nOutput: {instance.Output.Trim()}\n"
                : $"Class label: {instance.Output.Trim()}\nInput: {instance.Input.Trim()}\n");
        }
        return new SftExample(InstancePrompt.Build(template, seed.Instruction), response.Append('\n').ToString());
    }
}
