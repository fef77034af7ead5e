namespace SelfInstruct.Core.Rouge;

/// <summary>One prediction's SuperNI scores, each the max over the instance's references; higher is better.</summary>
/// <param name="ExactMatch">1 when the normalized prediction equals a normalized reference, else 0.</param>
/// <param name="RougeL">ROUGE-L F with stemming, 0..1.</param>
public readonly record struct SuperNiScore(int ExactMatch, double RougeL);
