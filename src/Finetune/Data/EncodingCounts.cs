namespace SelfInstruct.Finetune.Data;

/// <summary>What encoding did to the examples: used (truncated ones included), truncated, and dropped as too long.</summary>
public sealed record EncodingCounts(int Used, int Truncated, int Dropped);
