namespace SelfInstruct.Core.Jinja;

/// <summary>
/// jinja2's default <c>Undefined</c>: a missing variable, attribute or item. It prints as nothing, is false, iterates
/// as empty and fails with its hint when used further (an attribute of it, arithmetic on it).
/// </summary>
internal sealed class Undefined(string hint)
{
    /// <summary>What was missing, such as <c>'tools' is undefined</c>.</summary>
    public string Hint => hint;

    public JinjaRuntimeError Fail() => new(hint);
}
