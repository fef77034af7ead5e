namespace SelfInstruct.Evaluate.Metrics;

/// <summary>One task's ROUGE-L (×100) for the baseline and the candidate, and candidate − baseline.</summary>
public sealed record TaskDelta(string TaskId, string Category, double Baseline, double Candidate, double Delta);
