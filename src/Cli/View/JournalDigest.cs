using SelfInstruct.Generate.Pipeline;

namespace SelfInstruct.Cli.View;

/// <summary>
/// What the view takes from a generation journal, read without opening it for writing (a run may still be adding
/// to it): each accepted task's ten most similar pool instructions, and rejections counted by reason.
/// </summary>
/// <param name="MostSimilar">By task id, the pool instructions closest when the task was accepted, closest first.</param>
/// <param name="Rejections">By <c>step.reason</c>, summed over the committed batches; most frequent first.</param>
internal sealed record JournalDigest(
    IReadOnlyDictionary<string, IReadOnlyList<SimilarityMatch>> MostSimilar,
    IReadOnlyList<KeyValuePair<string, long>> Rejections)
{
    private static readonly JsonSerializerOptions _options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>Reads the journal in <paramref name="folder"/>; empty when there is none.</summary>
    /// <exception cref="InvalidDataException">A complete line is not JSON.</exception>
    public static JournalDigest Read(string folder)
    {
        var path = Path.Combine(folder, GenerationJournal.FileName);
        var mostSimilar = new Dictionary<string, IReadOnlyList<SimilarityMatch>>(StringComparer.Ordinal);
        var rejections = new Dictionary<string, long>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var number = 0;
            while (reader.ReadLine() is { } line)
            {
                number++;
                // Replies are most of the journal and the view needs none of them.
                if (line.StartsWith("{\"batch\"", StringComparison.Ordinal)
                    && ParseBatch(path, number, line, isLast: reader.EndOfStream) is { } batch)
                {
                    Add(batch, mostSimilar, rejections);
                }
            }
        }
        return new JournalDigest(mostSimilar, rejections.OrderByDescending(pair => pair.Value).ToList());
    }

    // A generate run writing its last line as we read leaves half a line at the end; the next read has it whole.
    private static JournalBatch? ParseBatch(string path, int number, string line, bool isLast)
    {
        try
        {
            return JsonSerializer.Deserialize<JournalLine>(line, _options)!.Batch;
        }
        catch (JsonException) when (isLast)
        {
            return null;
        }
        catch (JsonException exception)
        {
            throw DataFormatError.At(path, number, "batch", "a journal batch", exception.Message);
        }
    }

    private static void Add(JournalBatch batch, Dictionary<string, IReadOnlyList<SimilarityMatch>> mostSimilar,
        Dictionary<string, long> rejections)
    {
        foreach (var task in batch.Tasks)
        {
            mostSimilar[task.Id] = task.MostSimilar;
        }
        foreach (var (reason, count) in batch.Rejections)
        {
            rejections[reason] = rejections.GetValueOrDefault(reason) + count;
        }
    }

    private sealed record JournalLine(JournalBatch Batch);

    private sealed record JournalBatch(IReadOnlyList<JournalTask> Tasks, IReadOnlyDictionary<string, long> Rejections);

    private sealed record JournalTask(string Id, IReadOnlyList<SimilarityMatch> MostSimilar);
}
