namespace SelfInstruct.Core.Jinja;

/// <summary>
/// Evaluates expressions in a scope. Attribute and item lookups follow jinja2: <c>a.b</c> tries a method, then a
/// key; <c>a[b]</c> tries a key, then a method; a miss is <see cref="Undefined"/>, and so is any lookup on none.
/// </summary>
internal sealed class ExpressionEvaluator(Func<Macro, CallArguments, string> callMacro)
{
    public object? Evaluate(IExpression expression, Scope scope) => expression switch
    {
        LiteralExpression literal => literal.Value,
        ListExpression { IsTuple: true } tuple => new PythonTuple(EvaluateAll(tuple.Items, scope)),
        ListExpression list => EvaluateAll(list.Items, scope),
        DictionaryExpression dictionary => BuildDictionary(dictionary, scope),
        NameExpression name => Lookup(name.Name, scope),
        AttributeExpression attribute => GetAttribute(Evaluate(attribute.Target, scope), attribute.Name),
        ItemExpression item => GetItem(Evaluate(item.Target, scope), Evaluate(item.Key, scope)),
        SliceExpression slice => PythonSlice.Apply(Evaluate(slice.Target, scope), Optional(slice.Start, scope),
            Optional(slice.Stop, scope), Optional(slice.Step, scope)),
        CallExpression call => Call(call, scope),
        FilterExpression filter => JinjaFilters.Apply(
            filter.Name, Evaluate(filter.Value, scope), EvaluateArguments(filter.Name, filter.Arguments, scope)),
        TestExpression test => test.Negated != JinjaIsTests.Apply(
            test.Name, Evaluate(test.Value, scope), EvaluateArguments(test.Name, test.Arguments, scope).Positional),
        UnaryExpression unary => Unary(unary.Operator, Evaluate(unary.Operand, scope)),
        BinaryExpression binary => PythonArithmetic.Apply(
            binary.Operator, Evaluate(binary.Left, scope), Evaluate(binary.Right, scope)),
        LogicalExpression logical => Logical(logical, scope),
        CompareExpression compare => Compare(compare, scope),
        ConditionalExpression conditional => PythonValues.IsTrue(Evaluate(conditional.Condition, scope))
            ? Evaluate(conditional.Then, scope)
            : Otherwise(conditional, scope),
        _ => throw new JinjaRuntimeError($"unsupported expression {expression.GetType().Name}"),
    };

    private List<object?> EvaluateAll(IReadOnlyList<IExpression> expressions, Scope scope) =>
        [.. expressions.Select(expression => Evaluate(expression, scope))];

    private object? Optional(IExpression? expression, Scope scope) =>
        expression is null ? null : Evaluate(expression, scope);

    private Dictionary<string, object?> BuildDictionary(DictionaryExpression dictionary, Scope scope)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (keyExpression, valueExpression) in dictionary.Entries)
        {
            var key = Evaluate(keyExpression, scope);
            var name = key as string ??
                throw new JinjaRuntimeError($"unsupported dict key of type '{PythonValues.TypeName(key)}'");
            result[name] = Evaluate(valueExpression, scope);
        }
        return result;
    }

    private static object? Lookup(string name, Scope scope) =>
        scope.TryGet(name, out var value)
            ? value
            : BuiltinFunction.Find(name) ?? (object)new Undefined($"'{name}' is undefined");

    public static object? GetAttribute(object? target, string name) => target switch
    {
        Undefined missing => throw missing.Fail(),
        string or IReadOnlyDictionary<string, object?> when ValueMethods.Find(target, name) is { } method => method,
        IReadOnlyDictionary<string, object?> dictionary => dictionary.TryGetValue(name, out var value)
            ? value
            : new Undefined($"'dict object' has no attribute '{name}'"),
        JinjaNamespace space => space.TryGet(name, out var value)
            ? value
            : new Undefined($"namespace has no attribute '{name}'"),
        LoopContext loop => loop.TryGet(name, out var value) ? value : new Undefined($"loop has no attribute '{name}'"),
        _ => new Undefined($"'{PythonValues.TypeName(target)} object' has no attribute '{name}'"),
    };

    private static object? GetItem(object? target, object? key)
    {
        switch (target)
        {
            case Undefined missing:
                throw missing.Fail();
            case IReadOnlyDictionary<string, object?> dictionary when key is string name:
                return dictionary.TryGetValue(name, out var value) ? value : GetAttribute(target, name);
            case IReadOnlyList<object?> or string when PythonValues.TryInteger(key, out var index):
                var length = PythonValues.Length(target);
                var position = index < 0 ? index + length : index;
                if (position < 0 || position >= length)
                {
                    return new Undefined($"{PythonValues.TypeName(target)} object has no element {index}");
                }
                return target is string text
                    ? text[(int)position].ToString()
                    : ((IReadOnlyList<object?>)target)[(int)position];
            default:
                return key is string attribute
                    ? GetAttribute(target, attribute)
                    : new Undefined($"{PythonValues.TypeName(target)} object has no element {PythonRepr.Of(key)}");
        }
    }

    private object? Call(CallExpression call, Scope scope)
    {
        var callee = Evaluate(call.Callee, scope);
        var name = call.Callee switch
        {
            NameExpression named => named.Name,
            AttributeExpression attribute => attribute.Name,
            _ => "function",
        };
        var arguments = EvaluateArguments(name, call.Arguments, scope);
        return callee switch
        {
            BoundMethod method => ValueMethods.Invoke(method, arguments),
            BuiltinFunction builtin => builtin.Invoke(arguments),
            Macro macro => callMacro(macro, arguments),
            JinjaFunction function when arguments.Keyword.Count == 0 =>
                TemplateValues.Import(function(arguments.Positional), $"{name}()"),
            JinjaFunction => throw new JinjaRuntimeError($"{name}() takes no keyword arguments"),
            Undefined missing => throw missing.Fail(),
            _ => throw new JinjaRuntimeError($"'{PythonValues.TypeName(callee)}' object is not callable"),
        };
    }

    private CallArguments EvaluateArguments(string callee, Arguments arguments, Scope scope)
    {
        var positional = arguments.Positional.Select(argument => Evaluate(argument, scope)).ToList();
        var keyword = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in arguments.Keyword)
        {
            keyword[name] = Evaluate(value, scope);
        }
        return new CallArguments(callee, positional, keyword);
    }

    private static object? Unary(string symbol, object? operand) => symbol switch
    {
        "not" => !PythonValues.IsTrue(operand),
        "-" when operand is double real => -real,
        "-" when PythonValues.TryInteger(operand, out var integer) => -integer,
        "+" when PythonValues.IsNumber(operand) => operand,
        _ => operand is Undefined missing
            ? throw missing.Fail()
            : throw new JinjaRuntimeError($"bad operand type for unary {symbol}: '{PythonValues.TypeName(operand)}'"),
    };

    private object? Logical(LogicalExpression logical, Scope scope)
    {
        var left = Evaluate(logical.Left, scope);
        var decided = logical.Operator == "and" ? !PythonValues.IsTrue(left) : PythonValues.IsTrue(left);
        return decided ? left : Evaluate(logical.Right, scope);
    }

    private bool Compare(CompareExpression compare, Scope scope)
    {
        var left = Evaluate(compare.First, scope);
        foreach (var (symbol, operand) in compare.Rest)
        {
            var right = Evaluate(operand, scope);
            var holds = symbol switch
            {
                "==" => PythonValues.AreEqual(left, right),
                "!=" => !PythonValues.AreEqual(left, right),
                "in" => PythonValues.Contains(right, left),
                "not in" => !PythonValues.Contains(right, left),
                "<" => PythonValues.Compare(left, right, symbol) < 0,
                "<=" => PythonValues.Compare(left, right, symbol) <= 0,
                ">" => PythonValues.Compare(left, right, symbol) > 0,
                _ => PythonValues.Compare(left, right, symbol) >= 0,
            };
            if (!holds)
            {
                return false;
            }
            left = right;
        }
        return true;
    }

    private object? Otherwise(ConditionalExpression conditional, Scope scope) =>
        conditional.Otherwise is null
            ? new Undefined($"the inline if-expression on line {conditional.Line} evaluated to false " +
                "and no else section was defined")
            : Evaluate(conditional.Otherwise, scope);
}
