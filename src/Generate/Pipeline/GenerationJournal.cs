using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SelfInstruct.Generate.Pipeline;

/// <summary>
/// The append-only record of a generation run in its output folder: one JSON line per answered request and per
/// committed batch, each flushed to disk before the call returns. A crash can only leave an unfinished last line,
/// which opening the journal cuts away; every complete line is kept.
/// </summary>
public sealed class GenerationJournal : IAsyncDisposable
{
    /// <summary>The journal's file name in the output folder.</summary>
    public const string FileName = "journal.jsonl";

    private static readonly JsonSerializerOptions _options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly FileStream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    private GenerationJournal(FileStream stream)
    {
        _stream = stream;
    }

    /// <summary>Opens (or creates) the journal in <paramref name="directory"/> and reads what it holds.</summary>
    /// <exception cref="InvalidDataException">A complete line is not a journal entry.</exception>
    public static async Task<(GenerationJournal Journal, JournalContents Contents)> OpenAsync(
        string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            var bytes = new byte[stream.Length];
            await stream.ReadExactlyAsync(bytes, cancellationToken);
            var complete = Array.LastIndexOf(bytes, (byte)'\n') + 1;
            var torn = complete < bytes.Length;
            if (torn)
            {
                stream.SetLength(complete);
            }
            stream.Seek(0, SeekOrigin.End);
            var contents = Parse(path, Encoding.UTF8.GetString(bytes, 0, complete), torn);
            return (new GenerationJournal(stream), contents);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>Appends an answered request.</summary>
    public Task AppendAsync(ModelReply reply, CancellationToken cancellationToken) =>
        AppendAsync(new JournalEntry(reply, null), cancellationToken);

    /// <summary>Appends a committed batch.</summary>
    public Task AppendAsync(BatchRecord batch, CancellationToken cancellationToken) =>
        AppendAsync(new JournalEntry(null, batch), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _writeLock.Dispose();
    }

    private async Task AppendAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, _options) + "\n");
        // Once a write starts it finishes: a cancelled caller must not leave half a line behind.
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await _stream.WriteAsync(line, CancellationToken.None);
            await _stream.FlushAsync(CancellationToken.None);
            _stream.Flush(flushToDisk: true);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static JournalContents Parse(string path, string text, bool torn)
    {
        var batches = new List<BatchRecord>();
        var replies = new List<ModelReply>();
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            if (lines[index].Length == 0)
            {
                continue;
            }
            JournalEntry? entry;
            try
            {
                entry = JsonSerializer.Deserialize<JournalEntry>(lines[index], _options);
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException(
                    $"{path}:{index + 1}: expected a journal entry, found invalid JSON ({exception.Message})",
                    exception);
            }
            if (entry?.Reply is { } reply)
            {
                replies.Add(reply);
            }
            else if (entry?.Batch is { } batch)
            {
                batches.Add(batch);
            }
            else
            {
                throw new InvalidDataException($"{path}:{index + 1}: expected a reply or a batch, found neither");
            }
        }
        return new JournalContents(batches, replies, torn);
    }

    private sealed record JournalEntry(ModelReply? Reply, BatchRecord? Batch);
}
