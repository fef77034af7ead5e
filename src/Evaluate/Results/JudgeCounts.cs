namespace SelfInstruct.Evaluate.Results;

/// <summary>
/// How a judge rated one model's responses on Self-Instruct's four levels: A valid and satisfying, B acceptable with
/// minor imperfections, C responds but has significant errors, D irrelevant or invalid. Unrated: the judge's reply
/// named no level.
/// </summary>
public sealed record JudgeCounts(int A, int B, int C, int D, int Unrated);
