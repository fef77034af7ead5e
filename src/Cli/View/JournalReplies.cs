using SelfInstruct.Generate.Pipeline;

namespace SelfInstruct.Cli.View;

/// <summary>
/// Where each answered request sits in a generation journal, so a task's page can show the exchanges that made it
/// without the view holding every prompt and response in memory: reply lines are found by key at start and read
/// from the file when a page asks.
/// </summary>
internal sealed class JournalReplies
{

    private static readonly JsonSerializerOptions _options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly string? _path;
    private readonly Dictionary<string, (long Offset, int Length)> _spans = new(StringComparer.Ordinal);

    private JournalReplies(string? path)
    {
        _path = path;
    }

    /// <summary>No journal: no exchanges to show.</summary>
    public static JournalReplies None { get; } = new(null);

    /// <summary>An index to fill while reading <paramref name="path"/> line by line.</summary>
    public static JournalReplies Of(string path) => new(path);

    /// <summary>Notes the line at <paramref name="offset"/> when it is a reply (its key comes first).</summary>
    public void Note(ReadOnlySpan<byte> line, long offset)
    {
        var prefix = "{\"reply\":{\"key\":\""u8;
        if (!line.StartsWith(prefix))
        {
            return;
        }
        var length = line[prefix.Length..].IndexOf((byte)'"');
        if (length > 0)
        {
            // A request asked again after a crash is journaled again; the last answer is the one the run used.
            _spans[Encoding.UTF8.GetString(line.Slice(prefix.Length, length))] = (offset, line.Length);
        }
    }

    /// <summary>The exchanges journaled under <paramref name="keys"/>, in their order; unknown keys are left out.</summary>
    public IReadOnlyList<TaskExchange> Read(IEnumerable<string> keys)
    {
        if (_path is null)
        {
            return [];
        }
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var exchanges = new List<TaskExchange>();
        foreach (var key in keys)
        {
            if (!_spans.TryGetValue(key, out var span))
            {
                continue;
            }
            var bytes = new byte[span.Length];
            stream.Position = span.Offset;
            stream.ReadExactly(bytes);
            var reply = JsonSerializer.Deserialize<ReplyLine>(bytes, _options)!.Reply;
            exchanges.Add(new TaskExchange(reply.Step, reply.Prompt, reply.Text, reply.Truncated));
        }
        return exchanges;
    }

    private sealed record ReplyLine(ModelReply Reply);
}

/// <summary>One request that made a task: its step, the prompt sent and the raw response.</summary>
/// <param name="Step">The step that asked; null in journals written before it was kept.</param>
/// <param name="Prompt">The prompt; null in journals written before it was kept.</param>
/// <param name="Response">The response text as the model gave it.</param>
/// <param name="Truncated">Whether the model stopped at the token limit.</param>
internal sealed record TaskExchange(GenerationStep? Step, string? Prompt, string Response, bool Truncated);
