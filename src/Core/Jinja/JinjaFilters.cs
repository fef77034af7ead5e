namespace SelfInstruct.Core.Jinja;

/// <summary>
/// The filters of the supported subset, with jinja2's semantics, and <c>tojson</c> as transformers redefines it.
/// Any other filter name is refused when the template is parsed.
/// </summary>
internal static class JinjaFilters
{
    private static readonly HashSet<string> _names =
    [
        "trim", "tojson", "length", "count", "string", "lower", "upper", "first", "last", "join", "default", "d",
        "list", "capitalize", "title", "replace", "reverse", "abs", "int", "float", "items",
    ];

    public static bool Supports(string name) => _names.Contains(name);

    public static object? Apply(string name, object? value, CallArguments arguments) => name switch
    {
        "trim" => PythonStrings.Strip(
            PythonValues.ToText(value), arguments.GetString(0, "chars"), start: true, end: true),
        "tojson" => ToJson(value, arguments),
        "length" or "count" => PythonValues.Length(value),
        "string" => PythonValues.ToText(value),
        "lower" => PythonText.Lower(PythonValues.ToText(value)),
        "upper" => PythonValues.ToText(value).ToUpperInvariant(),
        "first" => End(PythonValues.Iterate(value), last: false),
        "last" => End(PythonValues.Iterate(value), last: true),
        "join" => string.Join(
            PythonValues.ToText(arguments.Get(0, "d", "")), PythonValues.Iterate(value).Select(PythonValues.ToText)),
        "default" or "d" => Default(value, arguments),
        "list" => PythonValues.Iterate(value).ToList(),
        "capitalize" => ValueMethods.Invoke(new BoundMethod(PythonValues.ToText(value), "capitalize"), arguments),
        "title" => PythonStrings.Title(PythonValues.ToText(value)),
        "replace" => PythonStrings.Replace(
            PythonValues.ToText(value),
            PythonValues.ToText(arguments.Get(0, "old")),
            PythonValues.ToText(arguments.Get(1, "new")),
            arguments.Get(2, "count") is null ? -1 : arguments.GetInteger(2, "count", -1)),
        "reverse" => Reverse(value),
        "abs" => value switch
        {
            double real => (object)Math.Abs(real),
            _ => Math.Abs(PythonValues.TryInteger(value, out var integer) ? integer : throw NotNumber(value)),
        },
        "int" => ToInteger(value, arguments),
        "float" => ToFloat(value, arguments),
        "items" => value is Undefined
            ? new List<object?>()
            : ValueMethods.Invoke(new BoundMethod(Mapping(value), "items"), arguments),
        _ => throw new JinjaRuntimeError($"unsupported filter '{name}'"),
    };

    private static string ToJson(object? value, CallArguments arguments)
    {
        arguments.Allow("ensure_ascii", "indent", "separators", "sort_keys");
        if (PythonValues.IsTrue(arguments.Get(0, "ensure_ascii", false)) || arguments.Get(2, "separators") is not null)
        {
            throw new JinjaRuntimeError("unsupported tojson arguments: only indent and sort_keys are supported");
        }
        var indent = arguments.Get(1, "indent") is null ? (int?)null : (int)arguments.GetInteger(1, "indent", 0);
        return PythonJson.Dumps(value, indent, PythonValues.IsTrue(arguments.Get(3, "sort_keys", false)));
    }

    private static object? End(IReadOnlyList<object?> items, bool last) =>
        items.Count > 0
            ? items[last ? items.Count - 1 : 0]
            : new Undefined($"No {(last ? "last" : "first")} item, sequence was empty.");

    private static object? Default(object? value, CallArguments arguments)
    {
        var boolean = PythonValues.IsTrue(arguments.Get(1, "boolean", false));
        var missing = value is Undefined || (boolean && !PythonValues.IsTrue(value));
        return missing ? arguments.Get(0, "default_value", "") : value;
    }

    private static object? Reverse(object? value) => value switch
    {
        string text => new string([.. text.Reverse()]),
        _ => PythonValues.Iterate(value).Reverse().ToList(),
    };

    private static object? ToInteger(object? value, CallArguments arguments) => value switch
    {
        double real => (long)Math.Truncate(real),
        string text when long.TryParse(
            text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ when PythonValues.TryInteger(value, out var integer) => integer,
        bool flag => flag ? 1L : 0L,
        _ => arguments.Get(0, "default", 0L),
    };

    private static object? ToFloat(object? value, CallArguments arguments) => value switch
    {
        string text when double.TryParse(
            text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ when PythonValues.IsNumber(value) => PythonValues.ToDouble(value),
        _ => arguments.Get(0, "default", 0.0),
    };

    private static IReadOnlyDictionary<string, object?> Mapping(object? value) =>
        value as IReadOnlyDictionary<string, object?> ?? throw new JinjaRuntimeError(
            $"can only get item pairs from a mapping, not {PythonValues.TypeName(value)}");

    private static JinjaRuntimeError NotNumber(object? value) =>
        new($"bad operand type for abs(): '{PythonValues.TypeName(value)}'");
}
