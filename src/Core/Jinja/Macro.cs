namespace SelfInstruct.Core.Jinja;

/// <summary>A macro defined by <c>{% macro %}</c>, with the scope it was defined in, which its body sees.</summary>
internal sealed record Macro(MacroStatement Statement, Scope Closure);
