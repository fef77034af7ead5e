namespace SelfInstruct.Evaluate.Runs;

/// <summary>results.json and predictions.parquet in an evaluation's output folder, written atomically.</summary>
public static class ResultsFiles
{
    /// <summary>The results file name.</summary>
    public const string ResultsFileName = "results.json";

    /// <summary>The predictions file name.</summary>
    public const string PredictionsFileName = "predictions.parquet";

    /// <summary>Writes results.json and predictions.parquet (one row per model and instance).</summary>
    public static async Task WriteAsync(string folder, EvaluationResults results,
        IReadOnlyList<ScoredPrediction> predictions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(predictions);
        await AtomicFile.WriteJsonAsync(Path.Combine(folder, ResultsFileName), results, EvaluationConfigFile.Options,
            cancellationToken);
        var metadata = new Dictionary<string, string>
        {
            ["selfinstruct.prompt"] = results.Prompt.ToString(),
            ["selfinstruct.max_new_tokens"] = results.Decoding.MaxNewTokens.ToString(CultureInfo.InvariantCulture),
        };
        await ParquetDatasetStore.WriteRowsAsync(Path.Combine(folder, PredictionsFileName),
            predictions.Select(Row), PredictionRow.SchemaVersion, metadata, cancellationToken);
    }

    /// <summary>Reads results.json.</summary>
    /// <exception cref="InvalidDataException">The file is not results of this schema.</exception>
    public static async Task<EvaluationResults> ReadResultsAsync(string folder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, ResultsFileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no results here; run selfinstruct evaluate first", path);
        }
        await using var stream = File.OpenRead(path);
        try
        {
            var results = await JsonSerializer.DeserializeAsync<EvaluationResults>(
                stream, EvaluationConfigFile.Options, cancellationToken);
            return results is { SchemaVersion: EvaluationResults.CurrentSchemaVersion }
                ? results
                : throw DataFormatError.In(path, "schema_version", EvaluationResults.CurrentSchemaVersion,
                    results?.SchemaVersion ?? "null");
        }
        catch (JsonException exception)
        {
            throw DataFormatError.In(path, exception.Path ?? "(root)", "evaluation results", exception.Message);
        }
    }

    /// <summary>Reads predictions.parquet, or an empty list when it is absent.</summary>
    public static async Task<IReadOnlyList<PredictionRow>> ReadPredictionsAsync(
        string folder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, PredictionsFileName);
        if (!File.Exists(path))
        {
            return [];
        }
        return await ParquetDatasetStore.ReadRowsAsync<PredictionRow>(path, cancellationToken);
    }

    private static PredictionRow Row(ScoredPrediction item) => new()
    {
        Model = item.Record.Model,
        TaskId = item.Task.Id,
        Category = item.Task.Category,
        InstanceId = item.Instance.Id,
        Prompt = item.Prompt,
        Prediction = item.Record.Prediction,
        References = JsonSerializer.Serialize(item.Instance.References, JsonOptions.Compact),
        ExactMatch = item.Score.ExactMatch,
        RougeL = item.Score.RougeL,
        FinishReason = item.Record.FinishReason,
        PromptTokens = item.Record.PromptTokens,
        OutputTokens = item.Record.OutputTokens,
        OutputWords = item.OutputWords,
        Truncated = item.Record.Truncated,
        Judge = item.JudgeLevel,
    };
}
