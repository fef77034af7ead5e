namespace SelfInstruct.Core.Jinja;

/// <summary>An expression of the template's syntax tree; each node knows the template line it starts on.</summary>
internal interface IExpression
{
    int Line { get; }
}

/// <summary>A string, number, boolean or none literal.</summary>
internal sealed record LiteralExpression(object? Value, int Line) : IExpression;

/// <summary><c>[a, b]</c>, or a tuple <c>(a, b)</c>, which differs from a list only when printed.</summary>
internal sealed record ListExpression(IReadOnlyList<IExpression> Items, int Line, bool IsTuple = false) : IExpression;

/// <summary><c>{key: value, ...}</c>.</summary>
internal sealed record DictionaryExpression(
    IReadOnlyList<(IExpression Key, IExpression Value)> Entries, int Line) : IExpression;

/// <summary>A variable.</summary>
internal sealed record NameExpression(string Name, int Line) : IExpression;

/// <summary><c>target.name</c>: an attribute first, then an item, as jinja2's <c>getattr</c>.</summary>
internal sealed record AttributeExpression(IExpression Target, string Name, int Line) : IExpression;

/// <summary><c>target[key]</c>: an item first, then an attribute, as jinja2's <c>getitem</c>.</summary>
internal sealed record ItemExpression(IExpression Target, IExpression Key, int Line) : IExpression;

/// <summary><c>target[start:stop:step]</c> with any part left out.</summary>
internal sealed record SliceExpression(
    IExpression Target, IExpression? Start, IExpression? Stop, IExpression? Step, int Line) : IExpression;

/// <summary>Positional and keyword arguments of a call, filter or test.</summary>
internal sealed record Arguments(
    IReadOnlyList<IExpression> Positional, IReadOnlyList<(string Name, IExpression Value)> Keyword)
{
    public static readonly Arguments None = new([], []);
}

/// <summary><c>callee(arguments)</c>.</summary>
internal sealed record CallExpression(IExpression Callee, Arguments Arguments, int Line) : IExpression;

/// <summary><c>value | name(arguments)</c>.</summary>
internal sealed record FilterExpression(IExpression Value, string Name, Arguments Arguments, int Line) : IExpression;

/// <summary><c>value is [not] name(arguments)</c>.</summary>
internal sealed record TestExpression(
    IExpression Value, string Name, Arguments Arguments, bool Negated, int Line) : IExpression;

/// <summary>A prefix <c>-</c>, <c>+</c> or <c>not</c>.</summary>
internal sealed record UnaryExpression(string Operator, IExpression Operand, int Line) : IExpression;

/// <summary>An arithmetic or concatenation operator: <c>+ - * / // % ** ~</c>.</summary>
internal sealed record BinaryExpression(string Operator, IExpression Left, IExpression Right, int Line) : IExpression;

/// <summary><c>and</c> or <c>or</c>, which short-circuit and yield an operand as Python does.</summary>
internal sealed record LogicalExpression(string Operator, IExpression Left, IExpression Right, int Line) : IExpression;

/// <summary>
/// A comparison chain such as <c>a &lt; b &lt;= c</c>; operators include <c>in</c> and <c>not in</c>.
/// </summary>
internal sealed record CompareExpression(
    IExpression First, IReadOnlyList<(string Operator, IExpression Operand)> Rest, int Line) : IExpression;

/// <summary><c>then if condition else otherwise</c>; a missing else yields an undefined value.</summary>
internal sealed record ConditionalExpression(
    IExpression Condition, IExpression Then, IExpression? Otherwise, int Line) : IExpression;
