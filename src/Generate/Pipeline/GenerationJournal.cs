using System.Collections.Concurrent;
using System.Text.Encodings.Web;

namespace SelfInstruct.Generate.Pipeline;

/// <summary>
/// The append-only record of a generation run in its output folder: one JSON line per answered request, per
/// committed batch and per Batch API submission or change of status, each flushed to disk before the call returns. A crash can only leave an unfinished last line,
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
    private readonly ConcurrentQueue<(byte[] Line, TaskCompletionSource Written)> _queued = new();

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
            var complete = await CompleteLengthAsync(stream, cancellationToken);
            var torn = complete < stream.Length;
            if (torn)
            {
                stream.SetLength(complete);
            }
            stream.Position = 0;
            var contents = await ReadAsync(path, stream, torn, cancellationToken);
            stream.Seek(0, SeekOrigin.End);
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
        AppendAsync(new JournalEntry(reply, null, null), cancellationToken);

    /// <summary>Appends a committed batch.</summary>
    public Task AppendAsync(BatchRecord batch, CancellationToken cancellationToken) =>
        AppendAsync(new JournalEntry(null, batch, null), cancellationToken);

    /// <summary>Appends a Batch API batch's submission or change of status.</summary>
    public Task AppendAsync(ApiBatchRecord apiBatch, CancellationToken cancellationToken) =>
        AppendAsync(new JournalEntry(null, null, apiBatch), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _writeLock.Dispose();
    }

    private async Task AppendAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, _options) + "\n");
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queued.Enqueue((line, written));
        // Group commit: whoever holds the lock writes every line queued by then and syncs once, so under concurrency
        // one fsync covers many replies; each call still returns only once its own line is on disk.
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            if (!written.Task.IsCompleted)
            {
                await WriteQueuedAsync();
            }
        }
        finally
        {
            _writeLock.Release();
        }
        await written.Task;
    }

    // Once a write starts it finishes: a cancelled caller must not leave half a line behind.
    private async Task WriteQueuedAsync()
    {
        var group = new List<TaskCompletionSource>();
        try
        {
            while (_queued.TryDequeue(out var queued))
            {
                group.Add(queued.Written);
                await _stream.WriteAsync(queued.Line, CancellationToken.None);
            }
            await _stream.FlushAsync(CancellationToken.None);
            _stream.Flush(flushToDisk: true);
        }
        catch (Exception exception)
        {
            group.ForEach(written => written.TrySetException(exception));
            throw;
        }
        group.ForEach(written => written.TrySetResult());
    }

    // The length up to and including the last line break: what complete lines the file holds.
    private static async Task<long> CompleteLengthAsync(FileStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        for (var end = stream.Length; end > 0;)
        {
            var start = Math.Max(0, end - buffer.Length);
            stream.Position = start;
            var count = (int)(end - start);
            await stream.ReadExactlyAsync(buffer.AsMemory(0, count), cancellationToken);
            var lastBreak = Array.LastIndexOf(buffer, (byte)'\n', count - 1, count);
            if (lastBreak >= 0)
            {
                return start + lastBreak + 1;
            }
            end = start;
        }
        return 0;
    }

    // Replies before a batch line belong to committed batches and are never asked again, so only the replies after
    // the last batch line (those of a batch cut short) are kept: memory stays bounded by one batch.
    private static async Task<JournalContents> ReadAsync(
        string path, Stream stream, bool torn, CancellationToken cancellationToken)
    {
        var batches = new List<BatchRecord>();
        var replies = new List<ModelReply>();
        var apiBatches = new List<ApiBatchRecord>();
        using var reader = new StreamReader(stream, Encoding.UTF8, false, 64 * 1024, leaveOpen: true);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            var entry = ParseLine(path, lineNumber, line);
            if (entry.Reply is { } reply)
            {
                replies.Add(reply);
            }
            else if (entry.ApiBatch is { } apiBatch)
            {
                apiBatches.Add(apiBatch);
            }
            else
            {
                batches.Add(entry.Batch!);
                replies.Clear();
                apiBatches.Clear();
            }
        }
        return new JournalContents(batches, replies, torn, apiBatches);
    }

    private static JournalEntry ParseLine(string path, int lineNumber, string line)
    {
        JournalEntry? entry;
        try
        {
            entry = JsonSerializer.Deserialize<JournalEntry>(line, _options);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException(
                $"{path}:{lineNumber}: expected a journal entry, found invalid JSON ({exception.Message})", exception);
        }
        if (entry?.Reply is null && entry?.Batch is null && entry?.ApiBatch is null)
        {
            throw new InvalidDataException(
                $"{path}:{lineNumber}: expected a reply, a batch or an API batch, found none");
        }
        return entry;
    }

    private sealed record JournalEntry(ModelReply? Reply, BatchRecord? Batch, ApiBatchRecord? ApiBatch);
}
