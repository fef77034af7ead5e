namespace SelfInstruct.Evaluate.Runs;

/// <summary>One model's answer to one instance: a line of the predictions journal.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Fingerprint">Hash of the model spec, prompt and decoding settings; a change re-predicts.</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="Prediction">The generated text, trimmed; may be empty.</param>
/// <param name="FinishReason">"stop" (end of sequence) or "length" (max new tokens or context).</param>
/// <param name="PromptTokens">Prompt tokens after truncation, when known.</param>
/// <param name="OutputTokens">Generated tokens, when known.</param>
/// <param name="Truncated">Whether the prompt was cut from the left to fit the context.</param>
public sealed record PredictionRecord(
    string Model,
    string Fingerprint,
    string InstanceId,
    string Prediction,
    string FinishReason,
    int? PromptTokens,
    int? OutputTokens,
    bool Truncated);
