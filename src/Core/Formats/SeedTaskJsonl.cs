namespace SelfInstruct.Core.Formats;

/// <summary>
/// The original Self-Instruct seed format: one JSON object per line with <c>id</c>, <c>name</c>,
/// <c>instruction</c>, <c>instances</c> [{<c>input</c>, <c>output</c>}] and <c>is_classification</c>.
/// </summary>
public static class SeedTaskJsonl
{
    /// <summary>Reads every task; blank lines are skipped, anything else malformed throws with its line.</summary>
    /// <exception cref="InvalidDataException">
    /// A line is not valid UTF-8 or not a valid seed task, or an id or an instruction repeats.
    /// </exception>
    public static Task<IReadOnlyList<SeedTask>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var tasks = new List<SeedTask>();
        var lineById = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineByInstruction = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (lineNumber, line) in Utf8Lines.Read(path))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var task = Parse(JsonRecord.ParseObject(line, path, lineNumber));
            if (!lineById.TryAdd(task.Id, lineNumber))
            {
                throw DataFormatError.At(
                    path, lineNumber, "id", "a unique id", $"\"{task.Id}\", already used on line {lineById[task.Id]}");
            }
            // A repeated instruction would be in the pool twice and weigh twice in the prompts' sampling.
            if (!lineByInstruction.TryAdd(task.Instruction.Trim(), lineNumber))
            {
                throw DataFormatError.At(path, lineNumber, "instruction", "an instruction no other task has",
                    $"the instruction of line {lineByInstruction[task.Instruction.Trim()]}");
            }
            tasks.Add(task);
        }
        return Task.FromResult<IReadOnlyList<SeedTask>>(tasks);
    }

    /// <summary>Writes the tasks atomically, one line each, keys in the original order.</summary>
    public static Task WriteAsync(string path, IEnumerable<SeedTask> tasks, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(path, async stream =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: -1, leaveOpen: true);
            foreach (var task in tasks)
            {
                var line = ToJson(task).ToJsonString(JsonOptions.Compact);
                await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
            }
        }, cancellationToken);

    private static SeedTask Parse(JsonRecord record)
    {
        var instances = record.RequireObjects("instances")
            .Select(instance => new TaskInstance(
                instance.RequireString("input"),
                instance.RequireString("output")))
            .ToList();
        return new SeedTask(
            record.RequireNonEmptyString("id"),
            record.OptionalString("name", ""),
            record.RequireNonEmptyString("instruction"),
            instances,
            record.RequireBool("is_classification"));
    }

    private static JsonObject ToJson(SeedTask task) => new()
    {
        ["id"] = task.Id,
        ["name"] = task.Name,
        ["instruction"] = task.Instruction,
        ["instances"] = new JsonArray(task.Instances
            .Select(instance => (JsonNode)new JsonObject { ["input"] = instance.Input, ["output"] = instance.Output })
            .ToArray()),
        ["is_classification"] = task.IsClassification,
    };
}
