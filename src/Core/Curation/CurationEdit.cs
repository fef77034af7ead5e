namespace SelfInstruct.Core.Curation;

/// <summary>
/// One line of <c>curation.jsonl</c>: a hand edit of a task's instruction or of one instance's input or output, or
/// the task's rejection with a reason, with who made it and when.
/// </summary>
public sealed record CurationEdit
{
    /// <summary>The task's id in the dataset.</summary>
    [JsonPropertyName("task_id")]
    public string TaskId { get; init; } = "";

    [JsonPropertyName("action")]
    public CurationAction Action { get; init; }

    /// <summary>The edited field; null for a rejection.</summary>
    [JsonPropertyName("field")]
    public CurationField? Field { get; init; }

    /// <summary>The instance's position among the task's rows, from 0, for an input or output edit.</summary>
    [JsonPropertyName("instance")]
    public int? Instance { get; init; }

    /// <summary>The field's text before the edit, as the editor saw it.</summary>
    [JsonPropertyName("before")]
    public string? Before { get; init; }

    /// <summary>The field's new text.</summary>
    [JsonPropertyName("after")]
    public string? After { get; init; }

    /// <summary>Why the task was rejected.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    /// <summary>The local user who made the edit.</summary>
    [JsonPropertyName("who")]
    public string Who { get; init; } = "";

    /// <summary>When the edit was made, UTC.</summary>
    [JsonPropertyName("when")]
    public DateTimeOffset When { get; init; }

    /// <summary>What makes the edit unusable, or null when it can be applied.</summary>
    public string? Problem() => (Action, Field) switch
    {
        _ when string.IsNullOrWhiteSpace(TaskId) => "task_id: expected a task id, found none",
        (CurationAction.Reject, _) when string.IsNullOrWhiteSpace(Reason) => "reason: a rejection needs a reason",
        (CurationAction.Reject, not null) => "field: a rejection edits no field",
        (CurationAction.Edit, null) => "field: expected instruction, input or output, found none",
        (CurationAction.Edit, _) when After is null => "after: an edit needs the new text",
        (CurationAction.Edit, CurationField.Instruction) when Instance is not null =>
            "instance: the instruction belongs to the task, not to an instance",
        (CurationAction.Edit, CurationField.Instruction) when string.IsNullOrWhiteSpace(After) =>
            "after: an instruction cannot be empty",
        (CurationAction.Edit, not CurationField.Instruction) when Instance is not >= 0 =>
            "instance: an input or output edit needs the instance's position, from 0",
        _ => null,
    };
}
