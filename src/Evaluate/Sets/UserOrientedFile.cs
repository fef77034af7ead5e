namespace SelfInstruct.Evaluate.Sets;

/// <summary>
/// Reads Self-Instruct's user-oriented instructions: one JSON object per line with <c>id</c>,
/// <c>motivation_app</c> (used as the category), <c>instruction</c> and <c>instances</c> of
/// <c>{input, output}</c>. Each line is a task; its instances have ids <c>ID-N</c>.
/// </summary>
public static class UserOrientedFile
{
    /// <summary>Reads the file, at most <paramref name="maxInstancesPerTask"/> instances per task.</summary>
    /// <exception cref="InvalidDataException">A line is not JSON or lacks a field (the message names both).</exception>
    public static EvaluationSet Read(string path, int maxInstancesPerTask)
    {
        var tasks = new List<EvaluationTask>();
        foreach (var (lineNumber, line) in Utf8Lines.Read(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            tasks.Add(ReadTask(path, lineNumber, Parse(path, lineNumber, line), maxInstancesPerTask));
        }
        if (tasks.Count == 0)
        {
            throw DataFormatError.In(path, "tasks", "at least one line", "an empty file");
        }
        return new EvaluationSet(EvaluationSetKind.UserOriented, Path.GetFullPath(path), tasks, []);
    }

    private static JsonObject Parse(string path, int line, string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject
                ?? throw DataFormatError.At(path, line, "(line)", "a JSON object", "something else");
        }
        catch (JsonException exception)
        {
            throw DataFormatError.At(path, line, "(line)", "a JSON object", exception.Message);
        }
    }

    private static EvaluationTask ReadTask(string path, int line, JsonObject json, int maxInstances)
    {
        var id = Text(path, line, json, "id");
        var instruction = Text(path, line, json, "instruction");
        var category = json["motivation_app"] is JsonValue app && app.TryGetValue<string>(out var name) ? name : "";
        if (json["instances"] is not JsonArray { Count: > 0 } array)
        {
            throw DataFormatError.At(path, line, "instances", "a non-empty list",
                json["instances"]?.ToJsonString() ?? "nothing");
        }
        var instances = array.Take(maxInstances).Select((node, index) => node is JsonObject instance
            ? new EvaluationInstance($"{id}-{index}", Text(path, line, instance, "input"),
                [Text(path, line, instance, "output")])
            : throw DataFormatError.At(path, line, $"instances[{index}]", "an object",
                node?.ToJsonString() ?? "null")).ToList();
        return new EvaluationTask(id, category, instruction, [], instances, null);
    }

    private static string Text(string path, int line, JsonObject json, string field) =>
        json[field] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw DataFormatError.At(path, line, field, "a string", json[field]?.ToJsonString() ?? "nothing");
}
