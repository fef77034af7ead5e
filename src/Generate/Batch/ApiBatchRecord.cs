namespace SelfInstruct.Generate.Batch;

/// <summary>
/// One Batch API batch as the journal keeps it: written when it is submitted (with the request keys it holds) and
/// again whenever its status changes, so a resumed run polls the batches it submitted instead of paying again.
/// </summary>
/// <param name="Id">The batch id the server gave.</param>
/// <param name="Status">The status last seen, as the server spells it (validating, in_progress, ...).</param>
/// <param name="InputFileId">The uploaded input file; on the submission entry only.</param>
/// <param name="Keys">The request keys (the lines' custom ids) the batch holds; on the submission entry only.</param>
/// <param name="OutputFileId">The output file, once the server has one.</param>
/// <param name="ErrorFileId">The error file, once the server has one.</param>
public sealed record ApiBatchRecord(
    string Id,
    string Status,
    string? InputFileId = null,
    IReadOnlyList<string>? Keys = null,
    string? OutputFileId = null,
    string? ErrorFileId = null)
{
    /// <summary>
    /// Written once the batch's answers are in the journal: it is never polled again, and a request of it still
    /// unanswered goes into a new batch.
    /// </summary>
    public const string Consumed = "consumed";
}
