namespace SelfInstruct.Backends;

/// <summary>A batch of the Batches API as the server reports it.</summary>
/// <param name="Id">The batch id.</param>
/// <param name="Status">validating, in_progress, finalizing, completed, expired, failed, cancelling, cancelled.</param>
/// <param name="OutputFileId">The file of answered lines, once there is one.</param>
/// <param name="ErrorFileId">The file of failed (or, when expired, unprocessed) lines, once there is one.</param>
/// <param name="Errors">The batch's own errors as JSON (why it failed validation), when it has any.</param>
public sealed record OpenAIBatchStatus(
    string Id, string Status, string? OutputFileId, string? ErrorFileId, string? Errors)
{
    /// <summary>Whether the batch will not change any more.</summary>
    public bool IsFinal => Status is "completed" or "expired" or "failed" or "cancelled";
}
