namespace SelfInstruct.Core.Curation;

/// <summary>What a curation edit does to its task.</summary>
public enum CurationAction
{
    /// <summary>Replaces one field's text.</summary>
    Edit,

    /// <summary>Drops the task from the curated dataset.</summary>
    Reject,
}
