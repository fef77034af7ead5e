namespace SelfInstruct.Finetune.Training;

/// <summary>metrics.jsonl: one JSON object per logging step, appended and flushed as the run goes.</summary>
public sealed class MetricsLog
{
    public const string FileName = "metrics.jsonl";

    private readonly string _path;

    public MetricsLog(string output)
    {
        _path = Path.Combine(output, FileName);
    }

    /// <summary>Drops lines after <paramref name="step"/>, which a resumed run writes again.</summary>
    public void TruncateAfter(int step)
    {
        if (File.Exists(_path))
        {
            File.WriteAllLines(_path, File.ReadAllLines(_path).Where(line => StepOf(line) <= step));
        }
    }

    /// <summary>Appends one line.</summary>
    public void Append(TrainingProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var json = new JsonObject
        {
            ["step"] = progress.Step,
            ["epoch"] = Math.Round(progress.Epoch, 4),
            ["loss"] = progress.Loss,
            ["validation_loss"] = progress.ValidationLoss,
            ["learning_rate"] = progress.LearningRate,
            ["tokens_per_second"] = Math.Round(progress.TokensPerSecond, 1),
            ["elapsed_seconds"] = Math.Round(progress.Elapsed.TotalSeconds, 3),
        };
        if (progress.PeakMemoryBytes is { } peak)
        {
            json["peak_memory_bytes"] = peak;
        }
        if (progress.LossScale is { } scale)
        {
            json["loss_scale"] = scale;
            json["skipped_steps"] = progress.SkippedSteps;
        }
        File.AppendAllText(_path, json.ToJsonString() + "\n");
    }

    /// <summary>Step, training loss and validation loss of every line.</summary>
    public IReadOnlyList<(int Step, double Loss, double? ValidationLoss)> Read() => File.Exists(_path)
        ? File.ReadAllLines(_path).Where(line => line.Length > 0).Select(line =>
        {
            var json = JsonNode.Parse(line)!;
            return ((int)json["step"]!, (double)json["loss"]!, (double?)json["validation_loss"]);
        }).ToList()
        : [];

    private static int StepOf(string line) =>
        line.Length == 0 ? int.MaxValue : JsonDocument.Parse(line).RootElement.GetProperty("step").GetInt32();
}
