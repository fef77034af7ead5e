namespace SelfInstruct.Generate;

/// <summary>A finished generate run: its figures and every file it wrote into the output folder.</summary>
/// <param name="Statistics">The dataset's figures, as in stats.md.</param>
/// <param name="Progress">The final counts, usage and cost.</param>
/// <param name="DatasetFile">dataset.parquet: one row per instance of every accepted task.</param>
/// <param name="DatasetCardFile">README.md: the Hugging Face dataset card of dataset.parquet.</param>
/// <param name="JournalFile">journal.jsonl: every reply and committed batch, what a rerun resumes from.</param>
/// <param name="ConfigFile">config.json: the resolved settings.</param>
/// <param name="StatisticsFile">stats.md.</param>
/// <param name="Plots">The PNG plots stats.md links.</param>
public sealed record GenerationRunResult(
    GenerationStatistics Statistics,
    GenerationProgress Progress,
    string DatasetFile,
    string DatasetCardFile,
    string JournalFile,
    string ConfigFile,
    string StatisticsFile,
    IReadOnlyList<string> Plots);
