namespace SelfInstruct.Core.Jinja;

/// <summary>
/// Runs a parsed template into text. An error while running a statement becomes a <see cref="JinjaException"/> at
/// that statement's line, and nothing of the half-rendered text is returned.
/// </summary>
internal sealed class TemplateRenderer
{
    private readonly string _sourceName;
    private readonly ExpressionEvaluator _evaluator;

    public TemplateRenderer(string sourceName)
    {
        _sourceName = sourceName;
        _evaluator = new ExpressionEvaluator(CallMacro);
    }

    private enum Flow
    {
        Normal,
        Break,
        Continue,
    }

    public string Render(IReadOnlyList<IStatement> body, Scope scope)
    {
        var output = new StringBuilder();
        Run(body, scope, output);
        return output.ToString();
    }

    private Flow Run(IReadOnlyList<IStatement> body, Scope scope, StringBuilder output)
    {
        foreach (var statement in body)
        {
            var flow = RunStatement(statement, scope, output);
            if (flow != Flow.Normal)
            {
                return flow;
            }
        }
        return Flow.Normal;
    }

    private Flow RunStatement(IStatement statement, Scope scope, StringBuilder output)
    {
        try
        {
            switch (statement)
            {
                case TextStatement text:
                    output.Append(text.Text);
                    return Flow.Normal;
                case OutputStatement print:
                    output.Append(PythonValues.ToText(_evaluator.Evaluate(print.Value, scope)));
                    return Flow.Normal;
                case IfStatement branches:
                    return RunIf(branches, scope, output);
                case ForStatement loop:
                    return RunFor(loop, scope, output);
                case LoopControlStatement control:
                    return control.IsBreak ? Flow.Break : Flow.Continue;
                case GenerationStatement generation:
                    return Run(generation.Body, scope, output);
                default:
                    Assign(statement, scope);
                    return Flow.Normal;
            }
        }
        catch (JinjaRuntimeError error)
        {
            throw new JinjaException(_sourceName, statement.Line, error.Message);
        }
    }

    private Flow RunIf(IfStatement statement, Scope scope, StringBuilder output)
    {
        foreach (var (condition, body) in statement.Branches)
        {
            if (Holds(condition, scope))
            {
                return Run(body, scope, output);
            }
        }
        return Run(statement.Otherwise, scope, output);
    }

    /// <summary>A branch's condition, whose error names its own line: an <c>elif</c>'s, not the <c>if</c>'s.</summary>
    private bool Holds(IExpression condition, Scope scope)
    {
        try
        {
            return PythonValues.IsTrue(_evaluator.Evaluate(condition, scope));
        }
        catch (JinjaRuntimeError error)
        {
            throw new JinjaException(_sourceName, condition.Line, error.Message);
        }
    }

    private Flow RunFor(ForStatement statement, Scope scope, StringBuilder output)
    {
        var items = PythonValues.Iterate(_evaluator.Evaluate(statement.Iterable, scope));
        if (statement.Filter is not null)
        {
            var filter = statement.Filter;
            items = [.. items.Where(item =>
                PythonValues.IsTrue(_evaluator.Evaluate(filter, Bind(statement, scope, item))))];
        }
        if (items.Count == 0)
        {
            return Run(statement.Otherwise, scope, output);
        }
        var loop = new LoopContext(items);
        for (var index = 0; index < items.Count; index++)
        {
            loop.Index0 = index;
            var iteration = Bind(statement, scope, items[index]);
            iteration.Set("loop", loop);
            if (Run(statement.Body, iteration, output) == Flow.Break)
            {
                break;
            }
        }
        return Flow.Normal;
    }

    /// <summary>
    /// A child scope with the loop's targets bound to <paramref name="item"/>, unpacked when there are several.
    /// </summary>
    private static Scope Bind(ForStatement statement, Scope scope, object? item)
    {
        var iteration = scope.Child();
        if (statement.Targets.Count == 1)
        {
            iteration.Set(statement.Targets[0], item);
            return iteration;
        }
        var parts = PythonValues.Iterate(item);
        if (parts.Count != statement.Targets.Count)
        {
            throw new JinjaRuntimeError(
                $"cannot unpack {parts.Count} values into {statement.Targets.Count} loop variables");
        }
        for (var index = 0; index < parts.Count; index++)
        {
            iteration.Set(statement.Targets[index], parts[index]);
        }
        return iteration;
    }

    private void Assign(IStatement statement, Scope scope)
    {
        switch (statement)
        {
            case SetStatement { Attribute: null } set:
                scope.Set(set.Name, _evaluator.Evaluate(set.Value, scope));
                break;
            case SetStatement set:
                var target = scope.TryGet(set.Name, out var value) ? value : null;
                var space = target as JinjaNamespace ??
                    throw new JinjaRuntimeError("cannot assign attribute on non-namespace object");
                space.Set(set.Attribute, _evaluator.Evaluate(set.Value, scope));
                break;
            case SetBlockStatement block:
                scope.Set(block.Name, Render(block.Body, scope.Child()));
                break;
            case MacroStatement macro:
                scope.Set(macro.Name, new Macro(macro, scope));
                break;
            default:
                throw new JinjaRuntimeError($"unsupported statement {statement.GetType().Name}");
        }
    }

    private string CallMacro(Macro macro, CallArguments arguments)
    {
        var parameters = macro.Statement.Parameters;
        arguments.Allow([.. parameters.Select(parameter => parameter.Name)]);
        var call = macro.Closure.Child();
        for (var index = 0; index < parameters.Count; index++)
        {
            var (name, fallback) = parameters[index];
            var missing = new Undefined($"parameter '{name}' was not provided");
            var value = arguments.Get(index, name, missing);
            call.Set(name, value == missing && fallback is not null ? _evaluator.Evaluate(fallback, call) : value);
        }
        return Render(macro.Statement.Body, call);
    }
}
