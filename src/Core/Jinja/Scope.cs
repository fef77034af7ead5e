namespace SelfInstruct.Core.Jinja;

/// <summary>
/// Variables visible at one point of a render: a for-loop iteration and a macro call each open a child scope, so a
/// <c>set</c> inside them is gone after them, as in jinja2; <c>if</c> opens none.
/// </summary>
internal sealed class Scope
{
    private readonly Dictionary<string, object?> _variables = new(StringComparer.Ordinal);
    private readonly Scope? _parent;
    private readonly IReadOnlyDictionary<string, object?>? _globals;

    public Scope(IReadOnlyDictionary<string, object?> globals)
    {
        _globals = globals;
    }

    private Scope(Scope parent)
    {
        _parent = parent;
    }

    public Scope Child() => new(this);

    public bool TryGet(string name, out object? value)
    {
        for (var scope = this; scope is not null; scope = scope._parent)
        {
            if (scope._variables.TryGetValue(name, out value) ||
                (scope._globals?.TryGetValue(name, out value) ?? false))
            {
                return true;
            }
        }
        value = null;
        return false;
    }

    public void Set(string name, object? value) => _variables[name] = value;
}
