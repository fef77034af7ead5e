namespace SelfInstruct.Cli.View;

/// <summary>One page of a table the server filters, sorts and pages.</summary>
/// <param name="Total">Rows that match, on every page.</param>
/// <param name="Page">This page's number, from 1.</param>
/// <param name="Size">Rows per page.</param>
/// <param name="Items">This page's rows.</param>
internal sealed record ViewPage<T>(int Total, int Page, int Size, IReadOnlyList<T> Items);

/// <summary>A row of the task table.</summary>
internal sealed record TaskRow(string Id, string Name, string Instruction, bool IsClassification, int Instances,
    double? MaxSimilarity, string Origin, string? RejectedReason, int Edits);

/// <summary>
/// A task's page: its instances, its closest pool instructions, its curation history and the requests that made it.
/// </summary>
internal sealed record TaskDetail(string Id, string Name, string Instruction, bool IsClassification, string Origin,
    double? MaxSimilarity, IReadOnlyList<TaskInstance> Instances, IReadOnlyList<SimilarityMatch> MostSimilar,
    string? RejectedReason, IReadOnlyList<CurationEdit> History)
{
    /// <summary>The prompts and raw responses of the requests that made the task, from the journal.</summary>
    public IReadOnlyList<TaskExchange> Requests { get; init; } = [];
}
