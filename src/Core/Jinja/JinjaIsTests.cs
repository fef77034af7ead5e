namespace SelfInstruct.Core.Jinja;

/// <summary>
/// The tests of <c>value is name</c> with jinja2's semantics; any other test name is refused at parse time.
/// </summary>
internal static class JinjaIsTests
{
    private static readonly HashSet<string> _names =
    [
        "defined", "undefined", "none", "string", "mapping", "iterable", "number", "sequence", "true", "false",
        "boolean", "integer", "float", "even", "odd", "divisibleby", "eq", "equalto", "ne", "lt", "le", "gt", "ge",
        "in", "lower", "upper", "callable", "sameas",
    ];

    public static bool Supports(string name) => _names.Contains(name);

    public static bool Apply(string name, object? value, IReadOnlyList<object?> arguments) => name switch
    {
        "defined" => value is not Undefined,
        "undefined" => value is Undefined,
        "none" => value is null,
        "string" => value is string,
        "mapping" => value is IReadOnlyDictionary<string, object?>,
        "iterable" or "sequence" =>
            value is string or IReadOnlyList<object?> or IReadOnlyDictionary<string, object?> or Undefined,
        "number" => value is bool || PythonValues.IsNumber(value),
        "true" => value is true,
        "false" => value is false,
        "boolean" => value is bool,
        "integer" => PythonValues.TryInteger(value, out _),
        "float" => value is double,
        "even" => Integer(value) % 2 == 0,
        "odd" => Integer(value) % 2 != 0,
        "divisibleby" => Integer(value) % Integer(Argument(arguments)) == 0,
        "eq" or "equalto" => PythonValues.AreEqual(value, Argument(arguments)),
        "ne" => !PythonValues.AreEqual(value, Argument(arguments)),
        "lt" => PythonValues.Compare(value, Argument(arguments), "<") < 0,
        "le" => PythonValues.Compare(value, Argument(arguments), "<=") <= 0,
        "gt" => PythonValues.Compare(value, Argument(arguments), ">") > 0,
        "ge" => PythonValues.Compare(value, Argument(arguments), ">=") >= 0,
        "in" => PythonValues.Contains(Argument(arguments), value),
        "lower" => PythonValues.ToText(value) is var text &&
            string.Equals(PythonText.Lower(text), text, StringComparison.Ordinal),
        "upper" => PythonValues.ToText(value) is var text &&
            string.Equals(text.ToUpperInvariant(), text, StringComparison.Ordinal),
        "callable" => value is JinjaFunction or BoundMethod or Macro or BuiltinFunction or Undefined,
        "sameas" => ReferenceEquals(value, Argument(arguments)) || (value is null && Argument(arguments) is null) ||
            (value is bool flag && Argument(arguments) is bool other && flag == other),
        _ => throw new JinjaRuntimeError($"unsupported test '{name}'"),
    };

    private static long Integer(object? value) =>
        PythonValues.TryInteger(value, out var integer)
            ? integer
            : throw new JinjaRuntimeError($"expected an integer, found '{PythonValues.TypeName(value)}'");

    private static object? Argument(IReadOnlyList<object?> arguments) =>
        arguments.Count == 1
            ? arguments[0]
            : throw new JinjaRuntimeError($"the test takes one argument, {arguments.Count} given");
}
