using SelfInstruct.Generate.Pipeline;

namespace SelfInstruct.Cli.View;

/// <summary>
/// What the view takes from a generation journal, read without opening it for writing (a run may still be adding
/// to it): each accepted task's ten most similar pool instructions and the requests that made it, and rejections
/// counted by reason.
/// </summary>
/// <param name="MostSimilar">By task id, the pool instructions closest when the task was accepted, closest first.</param>
/// <param name="Requests">By task id, the journal keys of the requests that made it, in order.</param>
/// <param name="Replies">Where each answered request is in the journal.</param>
/// <param name="Rejections">By <c>step.reason</c>, summed over the committed batches; most frequent first.</param>
/// <param name="RejectedSamples">By <c>step.reason</c>, up to <see cref="SamplesPerReason"/> rejected candidates.</param>
internal sealed record JournalDigest(
    IReadOnlyDictionary<string, IReadOnlyList<SimilarityMatch>> MostSimilar,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Requests,
    JournalReplies Replies,
    IReadOnlyList<KeyValuePair<string, long>> Rejections,
    IReadOnlyDictionary<string, List<string>> RejectedSamples)
{
    /// <summary>Rejected candidates the view shows per reason, the first batches' first.</summary>
    public const int SamplesPerReason = 10;

    /// <summary>A folder without a journal.</summary>
    public static JournalDigest Empty { get; } = new(new Dictionary<string, IReadOnlyList<SimilarityMatch>>(),
        new Dictionary<string, IReadOnlyList<string>>(), JournalReplies.None, [],
        new Dictionary<string, List<string>>());

    /// <summary>The prompts and responses that made the task <paramref name="taskId"/>, read from the journal.</summary>
    public IReadOnlyList<TaskExchange> ExchangesOf(string taskId) =>
        Requests.TryGetValue(taskId, out var keys) ? Replies.Read(keys) : [];

    // A batch line without its tasks or counts is an error naming the line, not a null found later.
    private static readonly JsonSerializerOptions _options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    /// <summary>Reads the journal in <paramref name="folder"/>; empty when there is none.</summary>
    /// <exception cref="InvalidDataException">A complete line is not JSON.</exception>
    public static JournalDigest Read(string folder)
    {
        var path = Path.Combine(folder, GenerationJournal.FileName);
        if (!File.Exists(path))
        {
            return Empty;
        }
        var mostSimilar = new Dictionary<string, IReadOnlyList<SimilarityMatch>>(StringComparer.Ordinal);
        var requests = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var rejections = new Dictionary<string, long>(StringComparer.Ordinal);
        var samples = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var replies = JournalReplies.Of(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        ByteLines.ForEach(stream, (line, offset, number, torn) =>
        {
            // Replies are most of the journal: only where they are is kept, and read when a task's page asks; a
            // reply still being written is not there yet.
            if (!torn)
            {
                replies.Note(line, offset);
            }
            if (line.StartsWith("{\"batch\""u8) && ParseBatch(path, number, line, torn) is { } batch)
            {
                Add(batch, mostSimilar, requests, rejections, samples);
            }
        });
        return new JournalDigest(
            mostSimilar, requests, replies, rejections.OrderByDescending(pair => pair.Value).ToList(), samples);
    }

    // A generate run writing its last line as we read leaves half a line at the end; the next read has it whole.
    private static JournalBatch? ParseBatch(string path, int number, ReadOnlySpan<byte> line, bool isLast)
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
        Dictionary<string, IReadOnlyList<string>> requests, Dictionary<string, long> rejections,
        Dictionary<string, List<string>> samples)
    {
        foreach (var task in batch.Tasks)
        {
            mostSimilar[task.Id] = task.MostSimilar;
            requests[task.Id] = task.Requests ?? [];
        }
        foreach (var (reason, count) in batch.Rejections)
        {
            rejections[reason] = rejections.GetValueOrDefault(reason) + count;
        }
        foreach (var (reason, candidates) in batch.RejectedSamples ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            if (!samples.TryGetValue(reason, out var kept))
            {
                samples[reason] = kept = [];
            }
            kept.AddRange(candidates.Take(SamplesPerReason - kept.Count));
        }
    }

    private sealed record JournalLine(JournalBatch Batch);

    private sealed record JournalBatch(IReadOnlyList<JournalTask> Tasks, IReadOnlyDictionary<string, long> Rejections,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? RejectedSamples = null);

    private sealed record JournalTask(
        string Id, IReadOnlyList<SimilarityMatch> MostSimilar, IReadOnlyList<string>? Requests = null);
}
