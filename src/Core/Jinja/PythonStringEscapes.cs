namespace SelfInstruct.Core.Jinja;

/// <summary>
/// The backslash escapes of a jinja2 string literal, which jinja2 decodes with Python's <c>unicode-escape</c> codec:
/// <c>\n \t \\ \' \"</c>, octal, <c>\x</c>, <c>\u</c> and <c>\U</c>; an unknown escape stays as written.
/// </summary>
internal static class PythonStringEscapes
{
    public static string Unescape(string literal)
    {
        var builder = new StringBuilder(literal.Length);
        for (var index = 0; index < literal.Length; index++)
        {
            if (literal[index] != '\\' || index + 1 == literal.Length)
            {
                builder.Append(literal[index]);
                continue;
            }
            index++;
            index = AppendEscape(builder, literal, index);
        }
        return builder.ToString();
    }

    /// <summary>
    /// Appends the escape whose letter is at <paramref name="index"/>; returns the index of its last character.
    /// </summary>
    private static int AppendEscape(StringBuilder builder, string literal, int index)
    {
        var letter = literal[index];
        switch (letter)
        {
            case '\n':
                return index;
            case 'x':
                return AppendCode(builder, literal, index, 2);
            case 'u':
                return AppendCode(builder, literal, index, 4);
            case 'U':
                return AppendCode(builder, literal, index, 8);
            case >= '0' and <= '7':
                var end = index;
                while (end < literal.Length && end - index < 3 && literal[end] is >= '0' and <= '7')
                {
                    end++;
                }
                builder.Append((char)Convert.ToInt32(literal[index..end], 8));
                return end - 1;
            default:
                var simple = SimpleEscape(letter);
                builder.Append(simple is null ? $"\\{letter}" : simple.Value.ToString());
                return index;
        }
    }

    private static char? SimpleEscape(char letter) => letter switch
    {
        '\\' => '\\',
        '\'' => '\'',
        '"' => '"',
        'a' => '\a',
        'b' => '\b',
        'f' => '\f',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'v' => '\v',
        _ => null,
    };

    private static int AppendCode(StringBuilder builder, string literal, int index, int digits)
    {
        var hex = index + 1 + digits <= literal.Length ? literal.Substring(index + 1, digits) : "";
        if (!int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code) ||
            hex.Length != digits || code > 0x10FFFF)
        {
            throw new JinjaRuntimeError($"malformed \\{literal[index]} escape in a string literal");
        }
        builder.Append(code <= char.MaxValue ? ((char)code).ToString() : char.ConvertFromUtf32(code));
        return index + digits;
    }
}
