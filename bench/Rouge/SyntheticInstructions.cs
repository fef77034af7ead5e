namespace SelfInstruct.Bench.Rouge;

/// <summary>
/// Instruction-like texts made from the seed pool: a seed instruction with about a third of its words swapped for
/// words drawn from the whole pool's vocabulary, so lengths and word statistics stay those of real instructions.
/// </summary>
internal static class SyntheticInstructions
{
    public static List<string> Create(IReadOnlyList<string> seeds, int count, int seed)
    {
        var random = new Random(seed);
        var vocabulary = seeds.SelectMany(Words).ToArray();
        var instructions = new List<string>(count);
        for (var index = 0; index < count; index++)
        {
            var words = Words(seeds[random.Next(seeds.Count)]);
            for (var position = 0; position < words.Length; position++)
            {
                if (random.NextDouble() < 0.35)
                {
                    words[position] = vocabulary[random.Next(vocabulary.Length)];
                }
            }
            instructions.Add(string.Join(' ', words));
        }
        return instructions;
    }

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
