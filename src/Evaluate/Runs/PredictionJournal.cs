namespace SelfInstruct.Evaluate.Runs;

/// <summary>
/// The append-only predictions journal (<c>predictions.jsonl</c> in the output folder): each prediction is written
/// and flushed as soon as it exists, so an interrupted evaluation keeps everything done and a rerun predicts only
/// what is missing. A torn last line (a crash mid-write) is ignored. Safe for concurrent appends.
/// </summary>
public sealed class PredictionJournal : IDisposable
{
    /// <summary>The journal's file name.</summary>
    public const string FileName = "predictions.jsonl";

    private static readonly JsonSerializerOptions _options = new(JsonOptions.Compact)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private readonly Dictionary<(string Model, string Fingerprint, string InstanceId), PredictionRecord> _records;
    private readonly StreamWriter _writer;
    private readonly SemaphoreSlim _lock = new(1, 1);

    private PredictionJournal(
        Dictionary<(string, string, string), PredictionRecord> records, StreamWriter writer)
    {
        _records = records;
        _writer = writer;
    }

    /// <summary>Opens (or creates) the journal in <paramref name="folder"/> and reads what it holds.</summary>
    /// <exception cref="InvalidDataException">A complete line is not a prediction record.</exception>
    public static PredictionJournal Open(string folder)
    {
        var path = Path.Combine(folder, FileName);
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            DropTornLine(stream);
            stream.Position = 0;
            var records = new Dictionary<(string, string, string), PredictionRecord>();
            using (var reader = new StreamReader(stream, leaveOpen: true))
            {
                var lineNumber = 0;
                while (reader.ReadLine() is { } line)
                {
                    lineNumber++;
                    if (Parse(path, lineNumber, line) is { } record)
                    {
                        records[(record.Model, record.Fingerprint, record.InstanceId)] = record;
                    }
                }
            }
            stream.Seek(0, SeekOrigin.End);
            return new PredictionJournal(records, new StreamWriter(stream) { AutoFlush = true });
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The prediction stored for this model, fingerprint and instance, or null.</summary>
    public PredictionRecord? Find(string model, string fingerprint, string instanceId) =>
        _records.GetValueOrDefault((model, fingerprint, instanceId));

    /// <summary>Writes and flushes one record.</summary>
    public async Task AppendAsync(PredictionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var line = JsonSerializer.Serialize(record, _options);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            await _writer.WriteLineAsync(line.AsMemory(), CancellationToken.None);
            _records[(record.Model, record.Fingerprint, record.InstanceId)] = record;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        _writer.Dispose();
        _lock.Dispose();
    }

    // A crash mid-write leaves a last line without its newline: cut it off, that prediction is simply redone.
    private static void DropTornLine(FileStream stream)
    {
        var length = stream.Length;
        var end = length;
        while (end > 0)
        {
            stream.Position = end - 1;
            if (stream.ReadByte() == '\n')
            {
                break;
            }
            end--;
        }
        if (end != length)
        {
            stream.SetLength(end);
        }
    }

    private static PredictionRecord? Parse(string path, int lineNumber, string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<PredictionRecord>(line, _options);
        }
        catch (JsonException exception)
        {
            throw DataFormatError.At(path, lineNumber, "(line)", "a prediction record", exception.Message);
        }
    }
}
