namespace SelfInstruct.Generate.Pipeline;

/// <summary>What a journal held when it was opened.</summary>
/// <param name="Batches">Every committed batch, in order.</param>
/// <param name="Replies">The answered requests after the last committed batch: those of a batch cut short.</param>
/// <param name="TornLineDropped">Whether an unfinished last line (a write cut by a crash) was cut away.</param>
/// <param name="ApiBatches">The Batch API entries after the last committed batch: those of a round cut short.</param>
public sealed record JournalContents(
    IReadOnlyList<BatchRecord> Batches,
    IReadOnlyList<ModelReply> Replies,
    bool TornLineDropped,
    IReadOnlyList<ApiBatchRecord> ApiBatches);
