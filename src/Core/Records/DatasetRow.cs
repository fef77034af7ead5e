namespace SelfInstruct.Core.Records;

/// <summary>
/// One row of the Parquet dataset: one instance, with its task's columns repeated so the file stays flat.
/// Provenance columns are null for seed tasks and filled by generation for machine tasks.
/// </summary>
public sealed record DatasetRow
{
    /// <summary>Id of the task this instance belongs to.</summary>
    [JsonPropertyName("task_id")]
    public string TaskId { get; set; } = "";

    /// <summary>Short snake_case task name; empty when the source had none.</summary>
    [JsonPropertyName("task_name")]
    public string TaskName { get; set; } = "";

    [JsonPropertyName("instruction")]
    public string Instruction { get; set; } = "";

    /// <summary>The instance input; empty when the instruction alone is the query.</summary>
    [JsonPropertyName("input")]
    public string Input { get; set; } = "";

    [JsonPropertyName("output")]
    public string Output { get; set; } = "";

    [JsonPropertyName("is_classification")]
    public bool IsClassification { get; set; }

    /// <summary><see cref="TaskOrigin.Seed"/> or <see cref="TaskOrigin.Machine"/>.</summary>
    [JsonPropertyName("origin")]
    public string Origin { get; set; } = TaskOrigin.Seed;

    /// <summary>The model that wrote the task, as the backend names it.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; set; }

    /// <summary>Version of the prompt templates that produced the task.</summary>
    [JsonPropertyName("prompt_version")]
    public string? PromptVersion { get; set; }

    /// <summary>ROUGE-L F (no stemming) against the most similar instruction in the pool when accepted.</summary>
    [JsonPropertyName("max_similarity")]
    public double? MaxSimilarity { get; set; }

    /// <summary>The pool instruction behind <see cref="MaxSimilarity"/>.</summary>
    [JsonPropertyName("most_similar_instruction")]
    public string? MostSimilarInstruction { get; set; }

    /// <summary>Mean ROUGE-L F against the whole pool when accepted.</summary>
    [JsonPropertyName("mean_similarity")]
    public double? MeanSimilarity { get; set; }
}
