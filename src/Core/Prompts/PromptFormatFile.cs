namespace SelfInstruct.Core.Prompts;

/// <summary>
/// <c>selfinstruct_prompt_format.json</c> in a checkpoint folder: the prompt format the checkpoint was fine-tuned
/// with, so evaluation prompts it the same way. A checkpoint without the file was not tuned by us.
/// </summary>
public static class PromptFormatFile
{
    /// <summary>The file name inside a checkpoint folder.</summary>
    public const string FileName = "selfinstruct_prompt_format.json";

    /// <summary>The format stored in <paramref name="checkpointFolder"/>, or null when it stores none.</summary>
    /// <exception cref="InvalidDataException">The file exists but does not name a known format.</exception>
    public static PromptFormatKind? Read(string checkpointFolder)
    {
        var path = Path.Combine(checkpointFolder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }
        var json = JsonFile.ReadObject(path);
        var name = json["format"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        return name is not null && TryParse(name, out var kind)
            ? kind
            : throw DataFormatError.In(path, "format", "\"self-instruct\", \"alpaca\" or \"chat\"",
                json["format"]?.ToJsonString() ?? "nothing");
    }

    /// <summary>Writes the file into <paramref name="checkpointFolder"/>.</summary>
    public static Task WriteAsync(string checkpointFolder, PromptFormatKind kind, CancellationToken cancellationToken)
    {
        var json = new JsonObject { ["format"] = Name(kind) };
        var text = json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        return AtomicFile.WriteTextAsync(Path.Combine(checkpointFolder, FileName), text, cancellationToken);
    }

    /// <summary>The format's name on the command line and in files: <c>self-instruct</c>, <c>alpaca</c> or <c>chat</c>.</summary>
    public static string Name(PromptFormatKind kind) => kind switch
    {
        PromptFormatKind.SelfInstruct => "self-instruct",
        PromptFormatKind.Alpaca => "alpaca",
        PromptFormatKind.Chat => "chat",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a prompt format"),
    };

    /// <summary>Parses a name written by <see cref="Name"/>.</summary>
    public static bool TryParse(string name, out PromptFormatKind kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        (var found, kind) = name.Trim().ToLowerInvariant() switch
        {
            "self-instruct" or "selfinstruct" => (true, PromptFormatKind.SelfInstruct),
            "alpaca" => (true, PromptFormatKind.Alpaca),
            "chat" => (true, PromptFormatKind.Chat),
            _ => (false, default),
        };
        return found;
    }
}
