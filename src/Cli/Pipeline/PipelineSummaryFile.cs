namespace SelfInstruct.Cli.Pipeline;

/// <summary>Reads and writes <see cref="PipelineSummary"/> as <c>summary.json</c>, atomically.</summary>
public static class PipelineSummaryFile
{
    private static readonly JsonSerializerOptions _options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    /// <summary>The summary in <paramref name="folder"/>, or an empty one when there is none yet.</summary>
    /// <exception cref="InvalidDataException">The file exists but is not a summary.</exception>
    public static async Task<PipelineSummary> ReadAsync(string folder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, PipelineSummary.FileName);
        if (!File.Exists(path))
        {
            return new PipelineSummary();
        }
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<PipelineSummary>(stream, _options, cancellationToken)
                ?? new PipelineSummary();
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{path}: not a pipeline summary ({exception.Message})", exception);
        }
    }

    /// <summary>Writes the summary into <paramref name="folder"/>.</summary>
    public static Task WriteAsync(string folder, PipelineSummary summary, CancellationToken cancellationToken) =>
        AtomicFile.WriteJsonAsync(Path.Combine(folder, PipelineSummary.FileName), summary, _options, cancellationToken);
}
