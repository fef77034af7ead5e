namespace SelfInstruct.Generate.Prompts;

/// <summary>
/// One prompt template: a version and a text with named placeholders written <c>{{name}}</c>. The file form is a
/// first line <c>version: V</c> followed by the text; the file's final line break is not part of the text.
/// </summary>
/// <param name="Name">The template's name, which is also its file name without <c>.txt</c>.</param>
/// <param name="Version">The version from the file's first line; it goes into the dataset metadata.</param>
/// <param name="Text">The text, placeholders included.</param>
public sealed partial record PromptTemplate(string Name, string Version, string Text)
{
    private const string VersionPrefix = "version:";

    /// <summary>The placeholder names the text uses, in order of first use.</summary>
    public IReadOnlyList<string> Placeholders =>
        Placeholder().Matches(Text).Select(match => match.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Reads a template file's content.</summary>
    /// <param name="name">The template's name.</param>
    /// <param name="content">The whole file.</param>
    /// <param name="source">Where the content came from, for messages.</param>
    /// <exception cref="InvalidDataException">The first line is not <c>version: V</c> with a non-empty V.</exception>
    public static PromptTemplate Parse(string name, string content, string source)
    {
        var normalized = content.Replace("\r\n", "\n", StringComparison.Ordinal);
        var firstBreak = normalized.IndexOf('\n', StringComparison.Ordinal);
        var firstLine = firstBreak < 0 ? normalized : normalized[..firstBreak];
        if (!firstLine.StartsWith(VersionPrefix, StringComparison.Ordinal) ||
            firstLine[VersionPrefix.Length..].Trim().Length == 0)
        {
            throw new InvalidDataException(
                $"{source}:1: expected a first line 'version: V', found '{firstLine}'");
        }
        var text = firstBreak < 0 ? "" : normalized[(firstBreak + 1)..];
        if (text.EndsWith('\n'))
        {
            text = text[..^1];
        }
        return new PromptTemplate(name, firstLine[VersionPrefix.Length..].Trim(), text);
    }

    /// <summary>The text with every placeholder replaced by its value.</summary>
    /// <exception cref="ArgumentException">A placeholder has no value, or a value names no placeholder.</exception>
    public string Render(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var unknown = values.Keys.Except(Placeholders, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"template '{Name}' has no placeholder {string.Join(", ", unknown.Select(key => $"{{{{{key}}}}}"))}",
                nameof(values));
        }
        var builder = new StringBuilder(Text.Length + 256);
        var position = 0;
        foreach (Match match in Placeholder().Matches(Text))
        {
            var key = match.Groups[1].Value;
            if (!values.TryGetValue(key, out var value))
            {
                throw new ArgumentException($"template '{Name}' needs a value for {{{{{key}}}}}", nameof(values));
            }
            builder.Append(Text, position, match.Index - position).Append(value);
            position = match.Index + match.Length;
        }
        return builder.Append(Text, position, Text.Length - position).ToString();
    }

    [GeneratedRegex(@"\{\{([a-z_]+)\}\}")]
    private static partial Regex Placeholder();
}
