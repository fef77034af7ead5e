namespace SelfInstruct.Evaluate.Runs;

/// <summary>A row of predictions.parquet: one model's answer to one instance with its scores.</summary>
public sealed record PredictionRow
{
    /// <summary>The predictions file's schema version. Bump it when a column changes meaning, type or name.</summary>
    public const string SchemaVersion = "1";

    [JsonPropertyName("model")]
    public string Model { get; set; } = "";

    [JsonPropertyName("task_id")]
    public string TaskId { get; set; } = "";

    [JsonPropertyName("category")]
    public string Category { get; set; } = "";

    [JsonPropertyName("instance_id")]
    public string InstanceId { get; set; } = "";

    [JsonPropertyName("prompt")]
    public string Prompt { get; set; } = "";

    [JsonPropertyName("prediction")]
    public string Prediction { get; set; } = "";

    /// <summary>The gold outputs as a JSON array of strings.</summary>
    [JsonPropertyName("references")]
    public string References { get; set; } = "[]";

    [JsonPropertyName("exact_match")]
    public int ExactMatch { get; set; }

    /// <summary>ROUGE-L F, 0..1.</summary>
    [JsonPropertyName("rouge_l")]
    public double RougeL { get; set; }

    [JsonPropertyName("finish_reason")]
    public string FinishReason { get; set; } = "";

    [JsonPropertyName("prompt_tokens")]
    public int? PromptTokens { get; set; }

    [JsonPropertyName("output_tokens")]
    public int? OutputTokens { get; set; }

    [JsonPropertyName("output_words")]
    public int OutputWords { get; set; }

    [JsonPropertyName("truncated")]
    public bool Truncated { get; set; }

    /// <summary>The judge's level A..D ("?" when its reply named none), or null without a judge.</summary>
    [JsonPropertyName("judge")]
    public string? Judge { get; set; }
}
