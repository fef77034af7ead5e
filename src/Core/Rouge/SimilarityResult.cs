namespace SelfInstruct.Core.Rouge;

/// <summary>How similar a candidate instruction is to a whole pool.</summary>
/// <param name="MaxScore">The highest ROUGE-L F against any member; 0 for an empty pool.</param>
/// <param name="MostSimilar">The most similar members, by score descending, ties by pool order.</param>
/// <param name="MeanScore">The mean ROUGE-L F over every member; 0 for an empty pool.</param>
public sealed record SimilarityResult(double MaxScore, IReadOnlyList<SimilarityMatch> MostSimilar, double MeanScore);
