namespace SelfInstruct.Core.Records;

/// <summary>The values of the dataset's <c>origin</c> column.</summary>
public static class TaskOrigin
{
    /// <summary>A human-written seed task.</summary>
    public const string Seed = "seed";

    /// <summary>A task the language model wrote.</summary>
    public const string Machine = "machine";
}
