namespace SelfInstruct.Core.Jinja;

/// <summary>
/// The object <c>namespace(...)</c> returns: the one value a template may change in place
/// (<c>{% set ns.name = value %}</c>), which is how state leaves a for loop.
/// </summary>
internal sealed class JinjaNamespace(Dictionary<string, object?> attributes)
{
    public bool TryGet(string name, out object? value) => attributes.TryGetValue(name, out value);

    public void Set(string name, object? value) => attributes[name] = value;
}
