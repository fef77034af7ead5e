namespace SelfInstruct.Evaluate.Metrics;

/// <summary>
/// SuperNI metrics over a group of instances (all, a category, a task), as the official script aggregates them:
/// micro-averages ×100 rounded to 4 decimals; higher is better.
/// </summary>
/// <param name="Group">"overall", the category key (lower case, underscores) or the task id.</param>
/// <param name="Category">The category of a task group, else null.</param>
/// <param name="ExactMatch">Percentage of exact matches.</param>
/// <param name="RougeL">Mean ROUGE-L F ×100.</param>
/// <param name="Count">Instances.</param>
public sealed record GroupMetrics(string Group, string? Category, double ExactMatch, double RougeL, int Count);
