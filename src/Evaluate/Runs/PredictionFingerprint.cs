namespace SelfInstruct.Evaluate.Runs;

/// <summary>
/// The journal key of a model's predictions: any change to what a model is asked or how it decodes gives a new
/// fingerprint, so stale predictions are not reused.
/// </summary>
public static class PredictionFingerprint
{
    /// <summary>The fingerprint of <paramref name="model"/>'s answers to prompts in <paramref name="style"/>.</summary>
    public static string Of(ModelSpec model, PromptStyle style, EvaluationConfig config)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(config);
        return Fingerprint.Of(
            FingerprintPart.Text(model.Describe()),
            // A checkpoint folder overwritten by a later training run must not reuse the old weights' answers.
            model.Checkpoint is { } folder ? FingerprintPart.FolderListing(folder) : FingerprintPart.Text(""),
            FingerprintPart.Text(style.ToString()),
            FingerprintPart.Text(config.PositiveExamples.ToString(CultureInfo.InvariantCulture)),
            FingerprintPart.Text(config.MaxNewTokens.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The fingerprint of the judge's ratings of the predictions made under a model's fingerprint.</summary>
    public static string OfJudge(EndpointSpec judge, string modelFingerprint)
    {
        ArgumentNullException.ThrowIfNull(judge);
        return Fingerprint.Of(
            FingerprintPart.Text(judge.ToString()),
            FingerprintPart.Text(JudgePrompt.MaxAnswerTokens.ToString(CultureInfo.InvariantCulture)),
            FingerprintPart.Upstream(modelFingerprint));
    }
}
