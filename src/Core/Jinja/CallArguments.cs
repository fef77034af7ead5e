namespace SelfInstruct.Core.Jinja;

/// <summary>Evaluated call arguments, read the way a Python function binds its parameters.</summary>
internal sealed class CallArguments(
    string callee, IReadOnlyList<object?> positional, IReadOnlyDictionary<string, object?> keyword)
{
    public IReadOnlyList<object?> Positional => positional;

    public IReadOnlyDictionary<string, object?> Keyword => keyword;

    /// <summary>
    /// The parameter at <paramref name="position"/> or named <paramref name="name"/>, or the default.
    /// </summary>
    public object? Get(int position, string name, object? fallback = null)
    {
        if (position < positional.Count)
        {
            return positional[position];
        }
        return keyword.TryGetValue(name, out var value) ? value : fallback;
    }

    public string? GetString(int position, string name)
    {
        var value = Get(position, name);
        return value switch
        {
            null => null,
            string text => text,
            _ => throw new JinjaRuntimeError(
                $"{callee}() argument '{name}' must be str or None, not {PythonValues.TypeName(value)}"),
        };
    }

    public long GetInteger(int position, string name, long fallback)
    {
        var value = Get(position, name, fallback);
        return PythonValues.TryInteger(value, out var integer)
            ? integer
            : throw new JinjaRuntimeError(
                $"{callee}() argument '{name}' must be an integer, not {PythonValues.TypeName(value)}");
    }

    /// <summary>Fails when more arguments came than <paramref name="names"/> lists, or a keyword it lacks.</summary>
    public void Allow(params string[] names)
    {
        if (positional.Count > names.Length)
        {
            throw new JinjaRuntimeError(
                $"{callee}() takes at most {names.Length} arguments ({positional.Count} given)");
        }
        var unknown = keyword.Keys.FirstOrDefault(key => !names.Contains(key));
        if (unknown is not null)
        {
            throw new JinjaRuntimeError($"{callee}() got an unexpected keyword argument '{unknown}'");
        }
    }
}
