namespace SelfInstruct.Evaluate.Runs;

/// <summary>A finished evaluation: its results and every file it wrote into the output folder.</summary>
/// <param name="Results">The scores and comparisons, as in results.json.</param>
/// <param name="ConfigFile">config.json: the resolved settings.</param>
/// <param name="JournalFile">predictions.jsonl: every answer, what a rerun resumes from.</param>
/// <param name="ResultsFile">results.json.</param>
/// <param name="PredictionsFile">predictions.parquet: one row per model and instance.</param>
/// <param name="Report">report.md, report.html and the plots, built from results.json.</param>
public sealed record EvaluationRunResult(
    EvaluationResults Results,
    string ConfigFile,
    string JournalFile,
    string ResultsFile,
    string PredictionsFile,
    ReportFiles Report);
