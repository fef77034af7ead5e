namespace SelfInstruct.Core.Jinja;

/// <summary>
/// Python's <c>repr()</c> of template values, which <c>str()</c> of a list or dict shows its items with.
/// </summary>
internal static class PythonRepr
{
    public static string Of(object? value) => value switch
    {
        null => "None",
        bool flag => flag ? "True" : "False",
        long integer => integer.ToString(CultureInfo.InvariantCulture),
        double real => Float(real),
        string text => String(text),
        PythonTuple { Count: 1 } single => $"({Of(single[0])},)",
        PythonTuple tuple => $"({string.Join(", ", tuple.Select(Of))})",
        IReadOnlyList<object?> list => $"[{string.Join(", ", list.Select(Of))}]",
        IReadOnlyDictionary<string, object?> dictionary =>
            $"{{{string.Join(", ", dictionary.Select(entry => $"{String(entry.Key)}: {Of(entry.Value)}"))}}}",
        Undefined => "Undefined",
        JinjaNamespace => "<Namespace>",
        _ => "<function>",
    };

    /// <summary>
    /// Python's shortest round-trip float text: positional between 1e-4 and 1e16 (with <c>.0</c> when whole),
    /// otherwise <c>1e-05</c> style.
    /// </summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }
        var (digits, exponent) = Decompose(value.ToString("R", CultureInfo.InvariantCulture));
        var sign = value < 0 || (value == 0 && double.IsNegative(value)) ? "-" : "";
        if (exponent < -4 || exponent >= 16)
        {
            var mantissa = digits.Length == 1 ? digits : $"{digits[0]}.{digits[1..]}";
            return $"{sign}{mantissa}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
        }
        if (exponent < 0)
        {
            return $"{sign}0.{new string('0', -exponent - 1)}{digits}";
        }
        var whole = digits.Length > exponent + 1 ? digits[..(exponent + 1)] : digits.PadRight(exponent + 1, '0');
        var fraction = digits.Length > exponent + 1 ? digits[(exponent + 1)..] : "0";
        return $"{sign}{whole}.{fraction}";
    }

    /// <summary>
    /// The significant digits (no leading or trailing zeros) and the power of ten of the first digit.
    /// </summary>
    private static (string Digits, int Exponent) Decompose(string text)
    {
        text = text.TrimStart('-');
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var point = text.IndexOf('.');
        var integerDigits = point < 0 ? text.Length : point;
        var all = text.Replace(".", "", StringComparison.Ordinal);
        var leadingZeros = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        return digits.Length == 0 ? ("0", 0) : (digits, exponent + integerDigits - leadingZeros - 1);
    }

    /// <summary>
    /// A string literal in single quotes, or double quotes when it holds a single quote and no double one.
    /// </summary>
    public static string String(string text)
    {
        var quote = text.Contains('\'') && !text.Contains('"') ? '"' : '\'';
        var builder = new StringBuilder(text.Length + 2).Append(quote);
        foreach (var character in text)
        {
            builder.Append(character switch
            {
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when character == quote => $"\\{quote}",
                < ' ' or '\u007F' => $"\\x{(int)character:x2}",
                _ => character.ToString(),
            });
        }
        return builder.Append(quote).ToString();
    }
}
