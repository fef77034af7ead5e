namespace SelfInstruct.Core.Rouge;

/// <summary>Aggregated SuperNI metrics: means over instances ×100, rounded to 4 decimals; higher is better.</summary>
/// <param name="ExactMatch">Percentage of exact matches.</param>
/// <param name="RougeL">Mean ROUGE-L F ×100.</param>
/// <param name="Count">How many instances were averaged.</param>
public sealed record SuperNiMetrics(double ExactMatch, double RougeL, int Count);
