namespace SelfInstruct.Evaluate.Results;

/// <summary>One model's prediction for one instance with its SuperNI scores.</summary>
public sealed record ScoredPrediction(
    EvaluationTask Task, EvaluationInstance Instance, string Prompt, PredictionRecord Record, SuperNiScore Score)
{
    /// <summary>The judge's level (A..D) when a judge rated it.</summary>
    public string? JudgeLevel { get; init; }

    /// <summary>Words in the prediction (whitespace-separated).</summary>
    public int OutputWords =>
        Record.Prediction.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
