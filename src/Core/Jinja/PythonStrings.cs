namespace SelfInstruct.Core.Jinja;

/// <summary>
/// Python's <c>str</c> methods where .NET's differ: whitespace set, <c>maxsplit</c>, empty separators.
/// </summary>
internal static class PythonStrings
{
    /// <summary>
    /// <c>strip</c>, <c>lstrip</c> or <c>rstrip</c>: whitespace when <paramref name="characters"/> is null.
    /// </summary>
    public static string Strip(string text, string? characters, bool start, bool end)
    {
        Func<char, bool> strips = characters is null ? PythonText.IsWhiteSpace : characters.Contains;
        var first = 0;
        var last = text.Length;
        while (start && first < last && strips(text[first]))
        {
            first++;
        }
        while (end && last > first && strips(text[last - 1]))
        {
            last--;
        }
        return text[first..last];
    }

    public static List<object?> Split(string text, string? separator, long maxSplit)
    {
        if (separator is null)
        {
            return SplitWhiteSpace(text, maxSplit);
        }
        RequireSeparator(separator);
        var parts = new List<object?>();
        var position = 0;
        for (var found = text.IndexOf(separator, StringComparison.Ordinal);
             found >= 0 && (maxSplit < 0 || parts.Count < maxSplit);
             found = text.IndexOf(separator, position, StringComparison.Ordinal))
        {
            parts.Add(text[position..found]);
            position = found + separator.Length;
        }
        parts.Add(text[position..]);
        return parts;
    }

    public static List<object?> RightSplit(string text, string? separator, long maxSplit)
    {
        if (maxSplit < 0)
        {
            return Split(text, separator, maxSplit);
        }
        var reversed = new string([.. text.Reverse()]);
        var reversedSeparator = separator is null ? null : new string([.. separator.Reverse()]);
        var parts = Split(reversed, reversedSeparator, maxSplit);
        parts.Reverse();
        return [.. parts.Select(part => (object?)new string([.. ((string)part!).Reverse()]))];
    }

    private static List<object?> SplitWhiteSpace(string text, long maxSplit)
    {
        var parts = new List<object?>();
        var position = 0;
        while (true)
        {
            while (position < text.Length && PythonText.IsWhiteSpace(text[position]))
            {
                position++;
            }
            if (position == text.Length)
            {
                return parts;
            }
            if (maxSplit >= 0 && parts.Count == maxSplit)
            {
                parts.Add(text[position..]);
                return parts;
            }
            var end = position;
            while (end < text.Length && !PythonText.IsWhiteSpace(text[end]))
            {
                end++;
            }
            parts.Add(text[position..end]);
            position = end;
        }
    }

    public static string Replace(string text, string old, string replacement, long count)
    {
        if (old.Length == 0)
        {
            throw new JinjaRuntimeError("unsupported replace() of an empty string");
        }
        if (count < 0)
        {
            return text.Replace(old, replacement, StringComparison.Ordinal);
        }
        var builder = new StringBuilder();
        var position = 0;
        for (var done = 0L; done < count; done++)
        {
            var found = text.IndexOf(old, position, StringComparison.Ordinal);
            if (found < 0)
            {
                break;
            }
            builder.Append(text, position, found - position).Append(replacement);
            position = found + old.Length;
        }
        return builder.Append(text, position, text.Length - position).ToString();
    }

    /// <summary>Python's <c>title()</c>: a letter after a letter is lowered, any other letter raised.</summary>
    public static string Title(string text)
    {
        var builder = new StringBuilder(text.Length);
        var previousCased = false;
        foreach (var character in text)
        {
            builder.Append(previousCased ? char.ToLowerInvariant(character) : char.ToUpperInvariant(character));
            previousCased = char.IsLetter(character);
        }
        return builder.ToString();
    }

    public static long Count(string text, string part)
    {
        if (part.Length == 0)
        {
            return text.Length + 1;
        }
        var count = 0L;
        for (var found = text.IndexOf(part, StringComparison.Ordinal); found >= 0;
             found = text.IndexOf(part, found + part.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    private static void RequireSeparator(string separator)
    {
        if (separator.Length == 0)
        {
            throw new JinjaRuntimeError("empty separator");
        }
    }
}
