namespace SelfInstruct.Cli.View;

/// <summary>
/// Takes curation edits from the page: checks each against the dataset, stamps it with who and when and the text it
/// replaces, appends it to curation.jsonl and applies it to the dataset in memory. Edits are taken one at a time, so
/// two that arrive together both land, each with the other's result as its before.
/// </summary>
internal sealed class CurationDesk(DatasetIndex dataset, string logPath, string user, TimeProvider clock)
    : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// Logs and applies the edit in <paramref name="json"/> (task_id, action, field, instance, after, reason); returns
    /// it as logged, or null with the problem when it is malformed or names what the dataset lacks.
    /// </summary>
    public async Task<(CurationEdit? Edit, string? Problem)> TakeAsync(string json, CancellationToken cancellationToken)
    {
        if (CurationLog.TryParse(json, out var problem) is not { } request)
        {
            return (null, problem);
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (dataset.Problem(request) is { } datasetProblem)
            {
                return (null, datasetProblem);
            }
            var edit = request with
            {
                Before = dataset.Current(request),
                Who = user,
                When = clock.GetUtcNow(),
            };
            await CurationLog.AppendAsync(logPath, edit, CancellationToken.None);
            dataset.Apply(edit);
            return (edit, null);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
