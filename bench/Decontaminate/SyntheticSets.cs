using SelfInstruct.Evaluate.Sets;

namespace SelfInstruct.Bench.Decontaminate;

/// <summary>
/// The benchmark's inputs. The 119 SuperNI test tasks as a flat task folder: the official references of all 11,810
/// instances (../shared/data/superni/test_references.jsonl), with the definitions and inputs of the 12 shared sample
/// tasks and, for the rest, which are not in ../shared, texts of the same lengths made of the sample's words. And a
/// generated dataset: seed instructions with a third of their words swapped (as bench/Rouge), one to three instances
/// each, with planted overlaps: user-oriented instructions reworded by one word, and SuperNI inputs copied.
/// </summary>
internal static class SyntheticSets
{
    public static void WriteSuperNi(string shared, string folder, int seed)
    {
        var random = new Random(seed);
        var sample = SuperNiTaskFolder.Read(Path.Combine(shared, "data", "superni"), int.MaxValue);
        var definitions = sample.Tasks.ToDictionary(task => task.Id, task => task.Instruction);
        var inputs = sample.Tasks.SelectMany(task => task.Instances)
            .ToDictionary(instance => instance.Id, instance => instance.Input);
        var words = inputs.Values.Concat(definitions.Values).SelectMany(Words).ToArray();
        var references = File.ReadLines(Path.Combine(shared, "data", "superni", "test_references.jsonl"))
            .Select(line => JsonNode.Parse(line)!)
            .GroupBy(line => line["task_id"]!.GetValue<string>())
            .ToList();
        Directory.CreateDirectory(folder);
        File.WriteAllLines(Path.Combine(folder, "test_tasks.txt"), references.Select(task => task.Key));
        foreach (var task in references)
        {
            var instances = task.Select(line =>
            {
                var id = line["id"]!.GetValue<string>();
                return (JsonNode)new JsonObject
                {
                    ["id"] = id,
                    ["input"] = inputs.GetValueOrDefault(id) ?? Text(words, random.Next(10, 120), random),
                    ["output"] = line["references"]!.DeepClone(),
                };
            }).ToArray();
            var json = new JsonObject
            {
                ["Definition"] = new JsonArray(definitions.GetValueOrDefault(task.Key) ??
                    Text(words, random.Next(20, 90), random)),
                ["Categories"] = new JsonArray(task.First()["task_category"]!.DeepClone()),
                ["Instances"] = new JsonArray(instances),
            };
            File.WriteAllText(Path.Combine(folder, task.Key + ".json"), json.ToJsonString());
        }
    }

    public static List<DatasetRow> Dataset(IReadOnlyList<string> seeds, IReadOnlyList<EvaluationSet> sets,
        int tasks, int planted, int seed)
    {
        var random = new Random(seed);
        var words = seeds.SelectMany(Words).ToArray();
        var rows = new List<DatasetRow>();
        for (var task = 0; task < tasks; task++)
        {
            var instruction = Words(seeds[random.Next(seeds.Count)])
                .Select(word => random.NextDouble() < 0.35 ? words[random.Next(words.Length)] : word);
            var instances = random.Next(1, 4);
            for (var instance = 0; instance < instances; instance++)
            {
                rows.Add(Row($"machine_task_{task}", string.Join(' ', instruction),
                    random.NextDouble() < 0.4 ? "" : Text(words, random.Next(5, 40), random),
                    Text(words, random.Next(3, 60), random)));
            }
        }
        var superNi = sets[0].Tasks.SelectMany(item => item.Instances).ToList();
        var userOriented = sets[1].Tasks;
        for (var index = 0; index < planted; index++)
        {
            var reworded = Words(userOriented[index % userOriented.Count].Instruction);
            reworded[^1] = "please.";
            rows.Add(Row($"planted_instruction_{index}", string.Join(' ', reworded), "", "x"));
            rows.Add(Row($"planted_instance_{index}", "Answer the question.",
                superNi[random.Next(superNi.Count)].Input, "x"));
        }
        return rows;
    }

    private static DatasetRow Row(string task, string instruction, string input, string output) => new()
    {
        TaskId = task,
        Instruction = instruction,
        Input = input,
        Output = output,
        Origin = TaskOrigin.Machine,
    };

    private static string Text(string[] words, int length, Random random) =>
        string.Join(' ', Enumerable.Range(0, length).Select(_ => words[random.Next(words.Length)]));

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
