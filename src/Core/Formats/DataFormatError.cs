namespace SelfInstruct.Core.Formats;

/// <summary>
/// Builds the exception for a malformed record in a data file, whose message reads
/// <c>file:line: field: expected ..., found ...</c>.
/// </summary>
public static class DataFormatError
{
    /// <summary>A bad field on a known line.</summary>
    public static InvalidDataException At(string file, int line, string field, string expected, string found) =>
        new($"{file}:{line}: {field}: expected {expected}, found {found}");

    /// <summary>A bad field in a file without lines, such as a Parquet column.</summary>
    public static InvalidDataException In(string file, string field, string expected, string found) =>
        new($"{file}: {field}: expected {expected}, found {found}");
}
