namespace SelfInstruct.Core.Jinja;

/// <summary>
/// Python's <c>json.dumps(value, ensure_ascii=False, indent=indent, sort_keys=sort_keys)</c>, which transformers
/// installs as the <c>tojson</c> filter: <c>", "</c> and <c>": "</c> between items without an indent, <c>","</c> and
/// newlines with one, non-ASCII text kept as is, no HTML escaping.
/// </summary>
internal static class PythonJson
{
    public static string Dumps(object? value, int? indent, bool sortKeys)
    {
        var builder = new StringBuilder();
        Write(builder, value, indent, sortKeys, 0);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, object? value, int? indent, bool sortKeys, int depth)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case bool flag:
                builder.Append(flag ? "true" : "false");
                break;
            case long integer:
                builder.Append(integer.ToString(CultureInfo.InvariantCulture));
                break;
            case double real:
                builder.Append(double.IsNaN(real) ? "NaN"
                    : double.IsInfinity(real) ? (real > 0 ? "Infinity" : "-Infinity")
                    : PythonRepr.Float(real));
                break;
            case string text:
                WriteString(builder, text);
                break;
            case IReadOnlyList<object?> list:
                WriteItems(builder, list, "[", "]", indent, depth,
                    item => Write(builder, item, indent, sortKeys, depth + 1));
                break;
            case IReadOnlyDictionary<string, object?> dictionary:
                var entries = sortKeys
                    ? dictionary.OrderBy(entry => entry.Key, StringComparer.Ordinal)
                    : dictionary.AsEnumerable();
                WriteItems(builder, [.. entries], "{", "}", indent, depth, entry =>
                {
                    WriteString(builder, entry.Key);
                    builder.Append(": ");
                    Write(builder, entry.Value, indent, sortKeys, depth + 1);
                });
                break;
            default:
                throw new JinjaRuntimeError($"Object of type {PythonValues.TypeName(value)} is not JSON serializable");
        }
    }

    private static void WriteItems<T>(
        StringBuilder builder,
        IReadOnlyList<T> items,
        string open,
        string close,
        int? indent,
        int depth,
        Action<T> write)
    {
        builder.Append(open);
        if (items.Count == 0)
        {
            builder.Append(close);
            return;
        }
        for (var index = 0; index < items.Count; index++)
        {
            builder.Append(index == 0 ? "" : indent is null ? ", " : ",");
            if (indent is not null)
            {
                builder.Append('\n').Append(' ', indent.Value * (depth + 1));
            }
            write(items[index]);
        }
        if (indent is not null)
        {
            builder.Append('\n').Append(' ', indent.Value * depth);
        }
        builder.Append(close);
    }

    private static void WriteString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var character in text)
        {
            builder.Append(character switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                < ' ' => $"\\u{(int)character:x4}",
                _ => character.ToString(),
            });
        }
        builder.Append('"');
    }
}
