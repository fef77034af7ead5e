namespace SelfInstruct.Generate.Prompts;

/// <summary>What one instruction generation response yielded.</summary>
/// <param name="Instructions">The candidate instructions, in order, not yet filtered.</param>
/// <param name="Failure">Why the response yielded nothing, or null.</param>
public sealed record InstructionParse(IReadOnlyList<string> Instructions, string? Failure);
