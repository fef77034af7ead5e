namespace SelfInstruct.Evaluate.Sets;

/// <summary>
/// Reads SuperNI task files named by a test task list, in three layouts: the official repository
/// (<c>tasks/</c> and <c>splits/default/test_tasks.txt</c>), the shared sample (<c>sample_tasks/</c> and
/// <c>test_tasks.txt</c>) and a flat folder (task files beside <c>test_tasks.txt</c>, as in <c>data/eval</c>).
/// Listed tasks without a file are counted as missing; none present is an error.
/// </summary>
public static class SuperNiTaskFolder
{
    private const string ListName = "test_tasks.txt";

    /// <summary>Reads the listed tasks, the first <paramref name="maxInstancesPerTask"/> instances of each.</summary>
    /// <exception cref="InvalidDataException">An unknown layout, no listed task here, or a malformed file.</exception>
    public static EvaluationSet Read(string folder, int maxInstancesPerTask)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInstancesPerTask, 1);
        var (list, tasksFolder) = Layout(Path.GetFullPath(folder));
        var names = File.ReadAllLines(list).Select(line => line.Trim()).Where(line => line.Length > 0).ToList();
        var tasks = new List<EvaluationTask>();
        var missing = new List<string>();
        foreach (var name in names)
        {
            var path = Path.Combine(tasksFolder, name + ".json");
            if (File.Exists(path))
            {
                tasks.Add(ReadTask(path, name, maxInstancesPerTask));
            }
            else
            {
                missing.Add(name);
            }
        }
        if (tasks.Count == 0)
        {
            throw DataFormatError.In(list, "task names", $"at least one listed task with a file in {tasksFolder}",
                $"none of {names.Count}");
        }
        return new EvaluationSet(EvaluationSetKind.SuperNi, Path.GetFullPath(folder), tasks, missing);
    }

    /// <summary>Reads one task file.</summary>
    /// <exception cref="InvalidDataException">A required field is missing or has the wrong shape.</exception>
    public static EvaluationTask ReadTask(string path, string name, int maxInstancesPerTask)
    {
        var json = JsonFile.ReadObject(path);
        var definition = FirstString(path, json, "Definition");
        var category = FirstString(path, json, "Categories");
        var instances = Array(path, json, "Instances")
            .Select((node, index) => ReadInstance(path, node, index))
            .ToList();
        if (instances.Count == 0)
        {
            throw DataFormatError.In(path, "Instances", "at least one instance", "an empty list");
        }
        var demonstrations = json["Positive Examples"] is null
            ? []
            : Array(path, json, "Positive Examples").Select((node, index) => new Demonstration(
                Text(path, node, $"Positive Examples[{index}]", "input"),
                Text(path, node, $"Positive Examples[{index}]", "output"))).ToList();
        return new EvaluationTask(name, category, definition, demonstrations,
            instances.Take(maxInstancesPerTask).ToList(), EvaluationTask.ClassificationLabels(instances));
    }

    private static (string List, string TasksFolder) Layout(string folder)
    {
        var official = Path.Combine(folder, "splits", "default", ListName);
        if (File.Exists(official) && Directory.Exists(Path.Combine(folder, "tasks")))
        {
            return (official, Path.Combine(folder, "tasks"));
        }
        var list = Path.Combine(folder, ListName);
        if (File.Exists(list))
        {
            var sample = Path.Combine(folder, "sample_tasks");
            var tasks = Path.Combine(folder, "tasks");
            return (list, Directory.Exists(sample) ? sample : Directory.Exists(tasks) ? tasks : folder);
        }
        throw DataFormatError.In(folder, "layout",
            "tasks/ with splits/default/test_tasks.txt, sample_tasks/ with test_tasks.txt, or task files beside " +
            "test_tasks.txt", "no test_tasks.txt");
    }

    private static EvaluationInstance ReadInstance(string path, JsonNode? node, int index)
    {
        var where = $"Instances[{index}]";
        var id = Text(path, node, where, "id");
        var input = Text(path, node, where, "input");
        var references = node?["output"] switch
        {
            JsonArray array when array.Count > 0 && array.All(item => item is JsonValue value &&
                value.TryGetValue<string>(out _)) => array.Select(item => item!.GetValue<string>()).ToList(),
            JsonValue value when value.TryGetValue<string>(out var single) => [single],
            var other => throw DataFormatError.In(path, $"{where}.output", "a non-empty list of strings",
                other?.ToJsonString() ?? "nothing"),
        };
        return new EvaluationInstance(id, input, references);
    }

    private static JsonArray Array(string path, JsonObject json, string field) =>
        json[field] as JsonArray
            ?? throw DataFormatError.In(path, field, "a list", json[field]?.ToJsonString() ?? "nothing");

    // Recent task files hold Definition and Categories as lists of strings, old ones as plain strings.
    private static string FirstString(string path, JsonObject json, string field) => json[field] switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonArray { Count: > 0 } array when array[0] is JsonValue first && first.TryGetValue<string>(out var text) =>
            text,
        var other => throw DataFormatError.In(path, field, "a string or a non-empty list of strings",
            other?.ToJsonString() ?? "nothing"),
    };

    private static string Text(string path, JsonNode? node, string where, string field) =>
        node?[field] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw DataFormatError.In(path, $"{where}.{field}", "a string", node?[field]?.ToJsonString() ?? "nothing");
}
