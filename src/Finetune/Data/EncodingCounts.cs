namespace SelfInstruct.Finetune.Data;

/// <summary>What encoding did to the examples: used (truncated included), truncated, dropped as too long.</summary>
public sealed record EncodingCounts(int Used, int Truncated, int Dropped);
