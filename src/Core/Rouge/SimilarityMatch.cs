namespace SelfInstruct.Core.Rouge;

/// <summary>A pool member and its ROUGE-L F (no stemming) against a candidate; higher is more similar.</summary>
/// <param name="Index">Position of the member in the pool, in order of addition.</param>
/// <param name="Instruction">The member's instruction text.</param>
/// <param name="Score">ROUGE-L F-measure, 0..1.</param>
public sealed record SimilarityMatch(int Index, string Instruction, double Score);
