using System.Text.Encodings.Web;

namespace SelfInstruct.Core.Curation;

/// <summary>
/// <c>curation.jsonl</c>, beside the dataset it edits: an append-only log of hand edits, one JSON line each. The
/// dataset file is never rewritten; readers apply the log (see <see cref="CuratedDataset"/>).
/// </summary>
public static class CurationLog
{
    /// <summary>The log's file name, in the folder of the dataset it edits.</summary>
    public const string FileName = "curation.jsonl";

    /// <summary>How edits are written and read: snake_case enum names, text unescaped where JSON allows.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    /// <summary>The log that edits the dataset at <paramref name="datasetPath"/>.</summary>
    public static string PathBeside(string datasetPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(datasetPath))!, FileName);

    /// <summary>Every edit in the log, in order; none when the file does not exist.</summary>
    /// <exception cref="InvalidDataException">A line is not a usable edit.</exception>
    public static IReadOnlyList<CurationEdit> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }
        var edits = new List<CurationEdit>();
        foreach (var (number, text) in Utf8Lines.Read(path))
        {
            if (text.Trim().Length == 0)
            {
                continue;
            }
            var edit = TryParse(text, out var problem);
            edits.Add(edit ?? throw DataFormatError.At(path, number, "edit", "a curation edit", problem!));
        }
        return edits;
    }

    /// <summary>Parses one edit, or returns null and says why it is unusable.</summary>
    public static CurationEdit? TryParse(string json, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(json);
        CurationEdit? edit;
        try
        {
            edit = JsonSerializer.Deserialize<CurationEdit>(json, Options);
        }
        catch (JsonException exception)
        {
            problem = $"invalid JSON ({exception.Message})";
            return null;
        }
        problem = edit is null ? "null" : edit.Problem();
        return problem is null ? edit : null;
    }

    /// <summary>
    /// Appends one edit as a line and flushes it to disk. Callers that append concurrently serialise their calls:
    /// the log is one file and each line must land whole.
    /// </summary>
    public static async Task AppendAsync(string path, CurationEdit edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(edit, Options) + "\n");
        await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        await stream.WriteAsync(line, cancellationToken);
        stream.Flush(flushToDisk: true);
    }
}
