namespace SelfInstruct.Generate.Filtering;

/// <summary>
/// A keyword blacklist file for <see cref="InstructionFilter"/>: UTF-8 text, one keyword or phrase per line, matched
/// as whole words. Leading and trailing spaces are dropped; blank lines and lines starting with <c>#</c> are ignored.
/// </summary>
public static class KeywordBlacklist
{
    /// <summary>The keywords of the file at <paramref name="path"/>, in file order. The file is small and read once.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">
    /// Lines that are not valid UTF-8 or hold no letter or digit (they could match no word), every one named by file
    /// and line number. A file with no keyword at all is valid: it turns the blacklist off.
    /// </exception>
    public static IReadOnlyList<string> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such blacklist file", path);
        }
        var keywords = new List<string>();
        var problems = new List<string>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            var entry = line.Trim();
            if (entry.Length == 0 || entry.StartsWith('#'))
            {
                continue;
            }
            if (entry.Contains('\uFFFD', StringComparison.Ordinal))
            {
                problems.Add($"{path}:{lineNumber}: not valid UTF-8: '{entry}'");
            }
            else if (!entry.EnumerateRunes().Any(Rune.IsLetterOrDigit))
            {
                problems.Add($"{path}:{lineNumber}: expected a keyword with a letter or digit, found '{entry}'");
            }
            else
            {
                keywords.Add(entry);
            }
        }
        return problems.Count == 0 ? keywords : throw new InvalidDataException(string.Join(Environment.NewLine, problems));
    }
}
