namespace SelfInstruct.Cli.View;

/// <summary>A task as the view shows it: its rows gathered, with the curation log applied so far.</summary>
internal sealed class ViewTask
{
    public required int Order { get; init; }

    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Instruction { get; set; }

    public required bool IsClassification { get; init; }

    public required string Origin { get; init; }

    public required List<TaskInstance> Instances { get; init; }

    /// <summary>ROUGE-L F to the closest pool instruction when accepted; null for seed tasks.</summary>
    public double? MaxSimilarity { get; init; }

    /// <summary>The ten closest pool instructions from the journal, closest first; empty without one.</summary>
    public required IReadOnlyList<SimilarityMatch> MostSimilar { get; init; }

    /// <summary>The reason of the latest rejection, or null while the task is kept.</summary>
    public string? RejectedReason { get; set; }

    /// <summary>Curation edits applied to the task, rejections included.</summary>
    public int Edits { get; set; }

    /// <summary>Whether <paramref name="text"/> occurs in the instruction or an instance, in any case.</summary>
    public bool Contains(string text) =>
        Instruction.Contains(text, StringComparison.OrdinalIgnoreCase)
        || Instances.Exists(instance => instance.Input.Contains(text, StringComparison.OrdinalIgnoreCase)
            || instance.Output.Contains(text, StringComparison.OrdinalIgnoreCase));
}
