namespace SelfInstruct.Finetune.Data;

/// <summary>The tokenized splits, what encoding did to the training rows, and the id that pads a batch.</summary>
internal sealed record EncodedData(
    IReadOnlyList<TokenizedExample> Train,
    IReadOnlyList<TokenizedExample> Validation,
    EncodingCounts Counts,
    long PadId);
