namespace SelfInstruct.Core.Jinja;

/// <summary>
/// Python's view of template values: truth, <c>str()</c>, <c>==</c>, ordering, length and iteration. Integers are
/// <see cref="long"/>, floats <see cref="double"/>, lists and tuples <see cref="IReadOnlyList{T}"/>, dicts
/// string-keyed <see cref="IReadOnlyDictionary{TKey, TValue}"/> (<see cref="TemplateValues"/> makes them so).
/// </summary>
internal static class PythonValues
{
    public static bool TryInteger(object? value, out long integer)
    {
        integer = value is long large ? large : 0;
        return value is long;
    }

    public static bool IsNumber(object? value) => value is long or double;

    public static bool IsTrue(object? value) => value switch
    {
        null or Undefined => false,
        bool flag => flag,
        long large => large != 0,
        double real => real != 0,
        string text => text.Length > 0,
        IReadOnlyList<object?> list => list.Count > 0,
        IReadOnlyDictionary<string, object?> dictionary => dictionary.Count > 0,
        _ => true,
    };

    /// <summary>Python's <c>str()</c>, which is what <c>{{ value }}</c> prints; undefined prints as nothing.</summary>
    public static string ToText(object? value) => value switch
    {
        string text => text,
        Undefined => "",
        _ => PythonRepr.Of(value),
    };

    public static string TypeName(object? value) => value switch
    {
        null => "NoneType",
        bool => "bool",
        long => "int",
        double => "float",
        string => "str",
        IReadOnlyList<object?> => "list",
        IReadOnlyDictionary<string, object?> => "dict",
        Undefined => "Undefined",
        JinjaNamespace => "Namespace",
        _ => "function",
    };

    public static bool AreEqual(object? left, object? right)
    {
        if (IsNumber(left) && IsNumber(right))
        {
            return TryInteger(left, out var a) && TryInteger(right, out var b)
                ? a == b
                : ToDouble(left) == ToDouble(right);
        }
        return (left, right) switch
        {
            (null, null) => true,
            (string a, string b) => a == b,
            (bool a, bool b) => a == b,
            (IReadOnlyList<object?> a, IReadOnlyList<object?> b) => (a is PythonTuple) == (b is PythonTuple) &&
                a.Count == b.Count && a.Zip(b).All(pair => AreEqual(pair.First, pair.Second)),
            (IReadOnlyDictionary<string, object?> a, IReadOnlyDictionary<string, object?> b) =>
                a.Count == b.Count &&
                a.All(entry => b.TryGetValue(entry.Key, out var other) && AreEqual(entry.Value, other)),
            (Undefined, Undefined) => true,
            _ => ReferenceEquals(left, right),
        };
    }

    /// <summary>
    /// The order of two numbers, two strings or two lists, as Python's <c>&lt;</c>; otherwise an error.
    /// </summary>
    public static int Compare(object? left, object? right, string symbol)
    {
        if (IsNumber(left) && IsNumber(right))
        {
            return TryInteger(left, out var a) && TryInteger(right, out var b)
                ? a.CompareTo(b)
                : ToDouble(left).CompareTo(ToDouble(right));
        }
        return (left, right) switch
        {
            (string a, string b) => string.CompareOrdinal(a, b),
            (IReadOnlyList<object?> a, IReadOnlyList<object?> b) => CompareLists(a, b, symbol),
            _ => throw new JinjaRuntimeError(
                $"'{symbol}' not supported between instances of '{TypeName(left)}' and '{TypeName(right)}'"),
        };
    }

    private static int CompareLists(IReadOnlyList<object?> left, IReadOnlyList<object?> right, string symbol)
    {
        for (var index = 0; index < Math.Min(left.Count, right.Count); index++)
        {
            if (!AreEqual(left[index], right[index]))
            {
                return Compare(left[index], right[index], symbol);
            }
        }
        return left.Count.CompareTo(right.Count);
    }

    public static double ToDouble(object? value) => value switch
    {
        long large => large,
        double real => real,
        _ => throw new JinjaRuntimeError($"expected a number, found '{TypeName(value)}'"),
    };

    public static long Length(object? value) => value switch
    {
        string text => text.Length,
        IReadOnlyList<object?> list => list.Count,
        IReadOnlyDictionary<string, object?> dictionary => dictionary.Count,
        Undefined => 0,
        _ => throw new JinjaRuntimeError($"object of type '{TypeName(value)}' has no len()"),
    };

    /// <summary>
    /// The items of a for loop over the value: a string's characters, a dict's keys, nothing for undefined.
    /// </summary>
    public static IReadOnlyList<object?> Iterate(object? value) => value switch
    {
        string text => [.. text.Select(character => (object?)character.ToString())],
        IReadOnlyList<object?> list => list,
        IReadOnlyDictionary<string, object?> dictionary => [.. dictionary.Keys],
        Undefined => [],
        _ => throw new JinjaRuntimeError($"'{TypeName(value)}' object is not iterable"),
    };

    /// <summary>Python's <c>in</c>: a substring, a list member or a dict key.</summary>
    public static bool Contains(object? container, object? item) => container switch
    {
        string text when item is string part => text.Contains(part, StringComparison.Ordinal),
        string => throw new JinjaRuntimeError($"'in <string>' requires string as left operand, not {TypeName(item)}"),
        IReadOnlyList<object?> list => list.Any(member => AreEqual(member, item)),
        IReadOnlyDictionary<string, object?> dictionary => item is string key && dictionary.ContainsKey(key),
        Undefined => false,
        _ => throw new JinjaRuntimeError($"argument of type '{TypeName(container)}' is not iterable"),
    };
}
