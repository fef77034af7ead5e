namespace SelfInstruct.Core.Prompts;

/// <summary>
/// The released <c>prepare_for_finetuning.py</c>'s input preprocessing, applied to half of the training examples:
/// when the input names exactly one field (<c>word:</c>, counted by distinct word), everything up to its first colon
/// goes; then each blank line becomes a single newline.
/// </summary>
/// <remarks>
/// Faithful to a quirk: the cut is at the input's first colon wherever it is, so "Time: 10:30" (two distinct
/// names, "Time" and "10") is kept whole and "It is 10:30" loses "It is 10:".
/// </remarks>
public static partial class FieldNameStripping
{
    /// <summary>The preprocessed input, trimmed.</summary>
    public static string Apply(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var names = FieldName().Matches(input).Select(match => match.Groups[1].Value).Distinct(StringComparer.Ordinal);
        var stripped = names.Count() == 1 ? input[(input.IndexOf(':', StringComparison.Ordinal) + 1)..] : input;
        return stripped.Trim().Replace("\n\n", "\n", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(\w+):")]
    private static partial Regex FieldName();
}
