namespace SelfInstruct.Core.Jinja;

/// <summary>A statement of the template's syntax tree, at the line of its tag.</summary>
internal interface IStatement
{
    int Line { get; }
}

/// <summary>Literal template text, already stripped as the whitespace rules say.</summary>
internal sealed record TextStatement(string Text, int Line) : IStatement;

/// <summary><c>{{ expression }}</c>.</summary>
internal sealed record OutputStatement(IExpression Value, int Line) : IStatement;

/// <summary><c>{% if %}</c> with its <c>elif</c> branches in order and an optional <c>else</c>.</summary>
internal sealed record IfStatement(
    IReadOnlyList<(IExpression Condition, IReadOnlyList<IStatement> Body)> Branches,
    IReadOnlyList<IStatement> Otherwise,
    int Line) : IStatement;

/// <summary>
/// <c>{% for targets in iterable if filter %}</c>; several targets unpack each item; the else body runs when no
/// item passed the filter.
/// </summary>
internal sealed record ForStatement(
    IReadOnlyList<string> Targets,
    IExpression Iterable,
    IExpression? Filter,
    IReadOnlyList<IStatement> Body,
    IReadOnlyList<IStatement> Otherwise,
    int Line) : IStatement;

/// <summary><c>{% set name = value %}</c>, or <c>{% set name.attribute = value %}</c> on a namespace.</summary>
internal sealed record SetStatement(string Name, string? Attribute, IExpression Value, int Line) : IStatement;

/// <summary><c>{% set name %}body{% endset %}</c>: the rendered body becomes the value.</summary>
internal sealed record SetBlockStatement(string Name, IReadOnlyList<IStatement> Body, int Line) : IStatement;

/// <summary><c>{% macro name(parameters) %}</c>; a parameter without a default has a null one.</summary>
internal sealed record MacroStatement(
    string Name,
    IReadOnlyList<(string Name, IExpression? Default)> Parameters,
    IReadOnlyList<IStatement> Body,
    int Line) : IStatement;

/// <summary><c>{% break %}</c> or <c>{% continue %}</c> (jinja2's loopcontrols extension).</summary>
internal sealed record LoopControlStatement(bool IsBreak, int Line) : IStatement;

/// <summary>
/// <c>{% generation %}body{% endgeneration %}</c>, the block transformers adds to mark assistant text; it renders
/// its body unchanged.
/// </summary>
internal sealed record GenerationStatement(IReadOnlyList<IStatement> Body, int Line) : IStatement;
