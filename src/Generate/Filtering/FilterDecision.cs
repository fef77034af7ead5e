namespace SelfInstruct.Generate.Filtering;

/// <summary>What the bootstrap filter decided for one candidate instruction.</summary>
/// <param name="Instruction">The candidate.</param>
/// <param name="Rejection">The rejection reason, or null when accepted.</param>
/// <param name="Similarity">The candidate against the pool; null when a heuristic rejected it first.</param>
public sealed record FilterDecision(string Instruction, string? Rejection, SimilarityResult? Similarity)
{
    /// <summary>Whether the candidate joined the pool.</summary>
    public bool Accepted => Rejection is null;
}
