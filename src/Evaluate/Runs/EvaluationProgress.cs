namespace SelfInstruct.Evaluate.Runs;

/// <summary>Where an evaluation stands: which model, and how many of its instances are answered.</summary>
/// <param name="Model">The model being run (or judged).</param>
/// <param name="ModelIndex">Its position, 1-based.</param>
/// <param name="ModelCount">Models in the run.</param>
/// <param name="Done">Instances answered, the cached ones included.</param>
/// <param name="Total">Instances in the set.</param>
/// <param name="Cached">Instances taken from the journal of an earlier run.</param>
/// <param name="Phase">"predict" or "judge".</param>
public sealed record EvaluationProgress(
    string Model, int ModelIndex, int ModelCount, int Done, int Total, int Cached, string Phase);
