namespace SelfInstruct.Core.Formats;

/// <summary>A dataset as read from disk: its rows and the file-level key/value metadata.</summary>
public sealed record DatasetFile(IReadOnlyList<DatasetRow> Rows, IReadOnlyDictionary<string, string> Metadata);
