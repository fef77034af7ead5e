namespace SelfInstruct.Cli.View;

/// <summary>What the page shows first: the kind of run and its counts, and which views it has.</summary>
/// <param name="Kind">generate, pipeline or evaluate.</param>
/// <param name="Folder">The run folder's name.</param>
/// <param name="HasDataset">Whether the run holds a dataset to show and curate.</param>
/// <param name="Tasks">Tasks in the dataset; 0 without one.</param>
/// <param name="Instances">Instances in the dataset.</param>
/// <param name="Rejected">Tasks the curation log rejects.</param>
/// <param name="Edits">Curation edits applied.</param>
/// <param name="Models">The evaluated models, baseline first; empty without an evaluation.</param>
/// <param name="EvaluatedInstances">Instances in the evaluation.</param>
/// <param name="Plots">The run's plots, as paths under <c>/files/</c>.</param>
internal sealed record ViewSummary(string Kind, string Folder, bool HasDataset, int Tasks, int Instances,
    int Rejected, int Edits, IReadOnlyList<string> Models, int EvaluatedInstances, IReadOnlyList<string> Plots);
