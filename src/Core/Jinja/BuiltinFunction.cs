namespace SelfInstruct.Core.Jinja;

/// <summary>
/// The globals every template sees: jinja2's <c>namespace</c>, <c>range</c> and <c>dict</c>, and transformers'
/// <c>raise_exception</c>, which stops the render with the template's own message.
/// </summary>
internal sealed record BuiltinFunction(string Name)
{
    private static readonly HashSet<string> _names = ["namespace", "range", "dict", "raise_exception"];

    public static BuiltinFunction? Find(string name) => _names.Contains(name) ? new BuiltinFunction(name) : null;

    public object? Invoke(CallArguments arguments) => Name switch
    {
        "namespace" => new JinjaNamespace(Attributes(arguments)),
        "dict" => Attributes(arguments),
        "range" => Range(arguments),
        _ => throw new JinjaRuntimeError(
            $"the template refused: {PythonValues.ToText(arguments.Get(0, "message", ""))}"),
    };

    private static Dictionary<string, object?> Attributes(CallArguments arguments)
    {
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var initial in arguments.Positional)
        {
            var mapping = initial as IReadOnlyDictionary<string, object?> ??
                throw new JinjaRuntimeError($"expected a mapping, found '{PythonValues.TypeName(initial)}'");
            foreach (var (key, value) in mapping)
            {
                attributes[key] = value;
            }
        }
        foreach (var (key, value) in arguments.Keyword)
        {
            attributes[key] = value;
        }
        return attributes;
    }

    private static List<object?> Range(CallArguments arguments)
    {
        arguments.Allow("start", "stop", "step");
        var (start, stop) = arguments.Positional.Count == 1
            ? (0, arguments.GetInteger(0, "stop", 0))
            : (arguments.GetInteger(0, "start", 0), arguments.GetInteger(1, "stop", 0));
        var step = arguments.GetInteger(2, "step", 1);
        if (step == 0)
        {
            throw new JinjaRuntimeError("range() arg 3 must not be zero");
        }
        var items = new List<object?>();
        for (var value = start; step > 0 ? value < stop : value > stop; value += step)
        {
            items.Add(value);
        }
        return items;
    }
}
