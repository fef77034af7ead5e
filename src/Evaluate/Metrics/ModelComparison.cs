namespace SelfInstruct.Evaluate.Metrics;

/// <summary>
/// A candidate model against the baseline (the first model) on the same instances. A task is a win when the
/// candidate's task ROUGE-L (×100) exceeds the baseline's by more than <paramref name="TieTolerance"/> points, a loss
/// when it falls short by more, else a tie.
/// </summary>
/// <param name="Baseline">The baseline model's name.</param>
/// <param name="Candidate">The candidate model's name.</param>
/// <param name="RougeL">The ROUGE-L difference (points) with its bootstrap interval and p-value.</param>
/// <param name="ExactMatch">The exact-match difference (points) likewise.</param>
/// <param name="Wins">Tasks the candidate wins.</param>
/// <param name="Ties">Tasks within the tolerance.</param>
/// <param name="Losses">Tasks the candidate loses.</param>
/// <param name="TieTolerance">The tolerance in ROUGE-L points.</param>
/// <param name="Tasks">Per-task deltas, largest gain first.</param>
public sealed record ModelComparison(
    string Baseline,
    string Candidate,
    PairedDifference RougeL,
    PairedDifference ExactMatch,
    int Wins,
    int Ties,
    int Losses,
    double TieTolerance,
    IReadOnlyList<TaskDelta> Tasks);
