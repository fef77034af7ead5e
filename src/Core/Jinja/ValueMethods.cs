namespace SelfInstruct.Core.Jinja;

/// <summary>
/// The Python methods templates call on strings (<c>strip</c>, <c>split</c>, <c>startswith</c>, ...) and dicts
/// (<c>items</c>, <c>keys</c>, <c>values</c>, <c>get</c>), with Python's semantics. Nothing that changes a value is
/// offered, as in transformers' immutable sandbox.
/// </summary>
internal static class ValueMethods
{
    private static readonly HashSet<string> _stringMethods =
    [
        "startswith", "endswith", "strip", "lstrip", "rstrip", "split", "rsplit", "upper", "lower", "replace",
        "title", "capitalize", "find", "count", "join",
    ];

    private static readonly HashSet<string> _dictionaryMethods = ["items", "keys", "values", "get"];

    public static bool Supports(string name) => _stringMethods.Contains(name) || _dictionaryMethods.Contains(name);

    /// <summary>The method <paramref name="name"/> of <paramref name="target"/>, or null when it has none.</summary>
    public static BoundMethod? Find(object? target, string name) => target switch
    {
        string text when _stringMethods.Contains(name) => new BoundMethod(text, name),
        IReadOnlyDictionary<string, object?> dictionary when _dictionaryMethods.Contains(name) =>
            new BoundMethod(dictionary, name),
        _ => null,
    };

    public static object? Invoke(BoundMethod method, CallArguments arguments) => method.Target switch
    {
        string text => InvokeString(text, method.Name, arguments),
        IReadOnlyDictionary<string, object?> dictionary => InvokeDictionary(dictionary, method.Name, arguments),
        _ => throw new JinjaRuntimeError($"unsupported method '{method.Name}'"),
    };

    private static object? InvokeString(string text, string name, CallArguments arguments) => name switch
    {
        "startswith" => Affix(arguments, "prefix", prefix => text.StartsWith(prefix, StringComparison.Ordinal)),
        "endswith" => Affix(arguments, "suffix", suffix => text.EndsWith(suffix, StringComparison.Ordinal)),
        "strip" => PythonStrings.Strip(text, arguments.GetString(0, "chars"), start: true, end: true),
        "lstrip" => PythonStrings.Strip(text, arguments.GetString(0, "chars"), start: true, end: false),
        "rstrip" => PythonStrings.Strip(text, arguments.GetString(0, "chars"), start: false, end: true),
        "split" => PythonStrings.Split(text, arguments.GetString(0, "sep"), arguments.GetInteger(1, "maxsplit", -1)),
        "rsplit" => PythonStrings.RightSplit(
            text, arguments.GetString(0, "sep"), arguments.GetInteger(1, "maxsplit", -1)),
        "upper" => text.ToUpperInvariant(),
        "lower" => PythonText.Lower(text),
        "replace" => PythonStrings.Replace(
            text,
            RequiredString(arguments, 0, "old"),
            RequiredString(arguments, 1, "new"),
            arguments.GetInteger(2, "count", -1)),
        "title" => PythonStrings.Title(text),
        "capitalize" => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + PythonText.Lower(text[1..]),
        "find" => (long)text.IndexOf(RequiredString(arguments, 0, "sub"), StringComparison.Ordinal),
        "count" => PythonStrings.Count(text, RequiredString(arguments, 0, "sub")),
        "join" => string.Join(text, PythonValues.Iterate(arguments.Get(0, "iterable")).Select(Joinable)),
        _ => throw new JinjaRuntimeError($"unsupported method '{name}'"),
    };

    private static bool Affix(CallArguments arguments, string name, Func<string, bool> test) =>
        arguments.Get(0, name) switch
        {
            string affix => test(affix),
            IReadOnlyList<object?> choices => choices.Any(choice => choice is string affix && test(affix)),
            var other => throw new JinjaRuntimeError(
                $"{name} must be str or a tuple of str, not {PythonValues.TypeName(other)}"),
        };

    private static string RequiredString(CallArguments arguments, int position, string name) =>
        arguments.GetString(position, name) ?? throw new JinjaRuntimeError($"missing argument '{name}'");

    private static string Joinable(object? item) =>
        item as string ?? throw new JinjaRuntimeError(
            $"sequence item: expected str instance, {PythonValues.TypeName(item)} found");

    private static object? InvokeDictionary(
        IReadOnlyDictionary<string, object?> dictionary, string name, CallArguments arguments) => name switch
        {
            "items" => dictionary.Select(entry => (object?)new PythonTuple([entry.Key, entry.Value])).ToList(),
            "keys" => dictionary.Keys.Select(key => (object?)key).ToList(),
            "values" => dictionary.Values.ToList(),
            "get" => arguments.Get(0, "key") is string key && dictionary.TryGetValue(key, out var value)
                ? value
                : arguments.Get(1, "default"),
            _ => throw new JinjaRuntimeError($"unsupported method '{name}'"),
        };
}
