namespace SelfInstruct.Cli.Pipeline;

/// <summary>
/// <c>stages.json</c> in the pipeline's output folder: each stage's fingerprint and whether it completed, rewritten
/// atomically after every change so a crash never leaves a stage marked complete that was not.
/// </summary>
public sealed class StageLedger
{
    /// <summary>The ledger's file name.</summary>
    public const string FileName = "stages.json";

    private static readonly JsonSerializerOptions _json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    private readonly string _path;
    private readonly Dictionary<string, StageState> _stages;

    private StageLedger(string path, Dictionary<string, StageState> stages)
    {
        _path = path;
        _stages = stages;
    }

    /// <summary>The ledger of <paramref name="folder"/>; empty when the pipeline never ran there.</summary>
    /// <exception cref="InvalidDataException">The file exists but is not a ledger.</exception>
    public static async Task<StageLedger> LoadAsync(string folder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return new StageLedger(path, new Dictionary<string, StageState>(StringComparer.Ordinal));
        }
        try
        {
            await using var stream = File.OpenRead(path);
            var stages = await JsonSerializer.DeserializeAsync<Dictionary<string, StageState>>(
                stream, _json, cancellationToken);
            return new StageLedger(path, stages ?? throw new InvalidDataException($"{path}: expected an object"));
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException(
                $"{path}: not a stage ledger ({exception.Message}); delete it to rerun every stage", exception);
        }
    }

    /// <summary>What to do with <paramref name="stage"/> given its fingerprint now.</summary>
    public StageAction Decide(string stage, string fingerprint) => _stages.GetValueOrDefault(stage) switch
    {
        null => StageAction.Run,
        { Fingerprint: var recorded } when recorded != fingerprint => StageAction.Replace,
        { Complete: true } => StageAction.Skip,
        _ => StageAction.Resume,
    };

    /// <summary>Records that the stage started (or resumed) with this fingerprint.</summary>
    public Task StartAsync(string stage, string fingerprint, CancellationToken cancellationToken) =>
        SetAsync(stage, new StageState(fingerprint, Complete: false, DateTimeOffset.UtcNow), cancellationToken);

    /// <summary>Records that the stage completed with this fingerprint.</summary>
    public Task CompleteAsync(string stage, string fingerprint, CancellationToken cancellationToken) =>
        SetAsync(stage, new StageState(fingerprint, Complete: true, DateTimeOffset.UtcNow), cancellationToken);

    private async Task SetAsync(string stage, StageState state, CancellationToken cancellationToken)
    {
        _stages[stage] = state;
        await AtomicFile.WriteJsonAsync(_path, _stages, _json, cancellationToken);
    }
}
