namespace SelfInstruct.Cli.View;

/// <summary>The kinds of folder <c>selfinstruct view</c> opens.</summary>
internal enum RunFolderKind
{
    /// <summary>A <c>generate</c> output folder: dataset.parquet, journal.jsonl, stats.md and plots.</summary>
    Generate,

    /// <summary>A <c>pipeline</c> run folder: generate/ and, once it got that far, evaluate/.</summary>
    Pipeline,

    /// <summary>An <c>evaluate</c> output folder: results.json and predictions.parquet.</summary>
    Evaluate,
}
