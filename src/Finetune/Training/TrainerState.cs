namespace SelfInstruct.Finetune.Training;

/// <summary>
/// trainer_state/state.json in a checkpoint: where the run stands. The data position follows from the step (the
/// order of each epoch is a pure function of the seed and the epoch) and the weights' RNG is reseeded from the seed
/// and the step before every step, so step, tokens and the first loss are all a resume needs besides the weights
/// and the optimizer moments (optimizer.bin).
/// </summary>
public sealed record TrainerState
{
    public const string FolderName = "trainer_state";
    public const string FileName = "state.json";
    public const string OptimizerFileName = "optimizer.bin";

    private static readonly JsonSerializerOptions _options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    /// <summary>Optimizer steps taken.</summary>
    public int Step { get; init; }

    public int TotalSteps { get; init; }

    /// <summary>Micro-batches consumed: the data position.</summary>
    public long MicroBatches { get; init; }

    public double Epoch { get; init; }

    public long TokensTrained { get; init; }

    public double FirstLoss { get; init; }

    public double LastLoss { get; init; }

    public double? ValidationLoss { get; init; }

    public int Seed { get; init; }

    /// <summary>Reads the state of a checkpoint folder.</summary>
    /// <exception cref="InvalidDataException">The file is not a trainer state.</exception>
    public static TrainerState Read(string checkpointFolder)
    {
        var path = Path.Combine(checkpointFolder, FolderName, FileName);
        try
        {
            return JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(path), _options)
                ?? throw new InvalidDataException($"{path}: expected a JSON object, found null");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{path}: not a trainer state: {exception.Message}", exception);
        }
    }

    /// <summary>Writes the state into the trainer_state folder of <paramref name="checkpointFolder"/>.</summary>
    public Task WriteAsync(string checkpointFolder, CancellationToken cancellationToken)
    {
        return AtomicFile.WriteJsonAsync(Path.Combine(checkpointFolder, FolderName, FileName), this, _options,
            cancellationToken);
    }
}
