namespace SelfInstruct.Core.Jinja;

/// <summary>
/// Parses the operands of expressions: literals, names, parenthesized expressions and tuples, list and dict
/// displays, then postfix <c>.name</c>, <c>[key]</c>, <c>[start:stop:step]</c> and calls, and the filters and tests
/// that follow. Unknown filter, test and method names are refused here, when the template is parsed.
/// </summary>
internal sealed class OperandParser(TokenStream stream, ExpressionParser expressions)
{
    private static readonly HashSet<string> _notTestArguments = ["else", "or", "and"];

    /// <summary>A primary expression with its postfix lookups and calls.</summary>
    public IExpression Parse() => ParsePostfix(ParsePrimary());

    /// <summary>The filters, tests and calls after an operand, applied left to right.</summary>
    public IExpression ParseFiltersAndTests(IExpression node)
    {
        while (true)
        {
            var token = stream.Current;
            if (token.IsOperator("|"))
            {
                stream.Next();
                node = ParseFilter(node);
            }
            else if (token.IsName("is"))
            {
                stream.Next();
                node = ParseTest(node, token);
            }
            else if (token.IsOperator("("))
            {
                node = ParseCall(node);
            }
            else
            {
                return node;
            }
        }
    }

    private IExpression ParsePrimary()
    {
        var token = stream.Next();
        switch (token.Kind)
        {
            case TokenKind.Name:
                return token.Value switch
                {
                    "true" or "True" => new LiteralExpression(true, token.Line),
                    "false" or "False" => new LiteralExpression(false, token.Line),
                    "none" or "None" => new LiteralExpression(null, token.Line),
                    _ => new NameExpression(token.Value, token.Line),
                };
            case TokenKind.String:
                var text = new StringBuilder(token.Value);
                while (stream.Current.Kind == TokenKind.String)
                {
                    text.Append(stream.Next().Value);
                }
                return new LiteralExpression(text.ToString(), token.Line);
            case TokenKind.Integer:
                return new LiteralExpression(ParseInteger(token), token.Line);
            case TokenKind.Float:
                return new LiteralExpression(double.Parse(token.Value, CultureInfo.InvariantCulture), token.Line);
            case TokenKind.Operator when token.Value == "(":
                return ParseParenthesized(token);
            case TokenKind.Operator when token.Value == "[":
                return new ListExpression(ParseList("]"), token.Line);
            case TokenKind.Operator when token.Value == "{":
                return ParseDictionary(token);
            default:
                throw stream.Error(token, $"unexpected {token.Describe()}");
        }
    }

    private long ParseInteger(Token token) =>
        long.TryParse(token.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw stream.Error(token, $"integer {token.Value} is too large");

    private IExpression ParseParenthesized(Token open)
    {
        if (stream.SkipOperator(")"))
        {
            return new ListExpression([], open.Line, IsTuple: true);
        }
        var first = expressions.Parse();
        if (stream.SkipOperator(")"))
        {
            return first;
        }
        stream.ExpectOperator(",");
        var items = new List<IExpression> { first };
        items.AddRange(ParseList(")"));
        return new ListExpression(items, open.Line, IsTuple: true);
    }

    private List<IExpression> ParseList(string close) => ParseSeparated(close, () => expressions.Parse());

    private DictionaryExpression ParseDictionary(Token open)
    {
        var entries = ParseSeparated("}", () =>
        {
            var key = expressions.Parse();
            stream.ExpectOperator(":");
            return (key, expressions.Parse());
        });
        return new DictionaryExpression(entries, open.Line);
    }

    /// <summary>Comma-separated items up to <paramref name="close"/>, a trailing comma allowed.</summary>
    private List<T> ParseSeparated<T>(string close, Func<T> parseItem)
    {
        var items = new List<T>();
        while (!stream.SkipOperator(close))
        {
            if (items.Count > 0)
            {
                stream.ExpectOperator(",");
                if (stream.SkipOperator(close))
                {
                    break;
                }
            }
            items.Add(parseItem());
        }
        return items;
    }

    private IExpression ParsePostfix(IExpression node)
    {
        while (true)
        {
            var token = stream.Current;
            if (token.IsOperator("."))
            {
                stream.Next();
                var name = stream.Current.Kind == TokenKind.Integer
                    ? stream.Next()
                    : stream.Expect(TokenKind.Name, "an attribute name");
                node = name.Kind == TokenKind.Integer
                    ? new ItemExpression(node, new LiteralExpression(ParseInteger(name), name.Line), token.Line)
                    : new AttributeExpression(node, name.Value, token.Line);
            }
            else if (token.IsOperator("["))
            {
                stream.Next();
                node = ParseSubscript(node, token);
            }
            else if (token.IsOperator("("))
            {
                node = ParseCall(node);
            }
            else
            {
                return node;
            }
        }
    }

    private IExpression ParseSubscript(IExpression target, Token open)
    {
        IExpression? start = stream.Current.IsOperator(":") ? null : expressions.Parse();
        if (stream.SkipOperator("]"))
        {
            return new ItemExpression(target, start!, open.Line);
        }
        stream.ExpectOperator(":");
        var stop = stream.Current.IsOperator(":") || stream.Current.IsOperator("]") ? null : expressions.Parse();
        IExpression? step = null;
        if (stream.SkipOperator(":") && !stream.Current.IsOperator("]"))
        {
            step = expressions.Parse();
        }
        stream.ExpectOperator("]");
        return new SliceExpression(target, start, stop, step, open.Line);
    }

    private CallExpression ParseCall(IExpression callee)
    {
        var open = stream.Next();
        if (callee is AttributeExpression { Name: var method } && !ValueMethods.Supports(method))
        {
            throw stream.Error(open, $"unsupported method '{method}'");
        }
        return new CallExpression(callee, ParseArguments(), open.Line);
    }

    /// <summary>The arguments after an opening parenthesis, through the closing one.</summary>
    private Arguments ParseArguments()
    {
        var arguments = ParseSeparated(")", ParseArgument);
        var positional = arguments.TakeWhile(argument => argument.Name is null)
            .Select(argument => argument.Value)
            .ToList();
        var keyword = arguments.Skip(positional.Count).Select(argument => argument.Name is null
            ? throw stream.Error(stream.Current, "a positional argument follows a keyword argument")
            : (argument.Name, argument.Value)).ToList();
        return new Arguments(positional, keyword);
    }

    /// <summary>One argument; a keyword argument has its name.</summary>
    private (string? Name, IExpression Value) ParseArgument()
    {
        if (stream.Current.IsOperator("*") || stream.Current.IsOperator("**"))
        {
            throw stream.Error(stream.Current, "unsupported argument unpacking");
        }
        if (stream.Current.Kind == TokenKind.Name && stream.Peek.IsOperator("="))
        {
            var name = stream.Next().Value;
            stream.Next();
            return (name, expressions.Parse());
        }
        return (null, expressions.Parse());
    }

    private FilterExpression ParseFilter(IExpression value)
    {
        var name = stream.Expect(TokenKind.Name, "a filter name");
        if (!JinjaFilters.Supports(name.Value))
        {
            throw stream.Error(name, $"unsupported filter '{name.Value}'");
        }
        var arguments = stream.SkipOperator("(") ? ParseArguments() : Arguments.None;
        return new FilterExpression(value, name.Value, arguments, name.Line);
    }

    private TestExpression ParseTest(IExpression value, Token isToken)
    {
        var negated = stream.SkipName("not");
        var name = stream.Expect(TokenKind.Name, "a test name");
        if (!JinjaIsTests.Supports(name.Value))
        {
            throw stream.Error(name, $"unsupported test '{name.Value}'");
        }
        var arguments = Arguments.None;
        var next = stream.Current;
        if (stream.SkipOperator("("))
        {
            arguments = ParseArguments();
        }
        else if (StartsTestArgument(next))
        {
            arguments = new Arguments([Parse()], []);
        }
        return new TestExpression(value, name.Value, arguments, negated, isToken.Line);
    }

    private static bool StartsTestArgument(Token token) => token.Kind switch
    {
        TokenKind.Name => !_notTestArguments.Contains(token.Value),
        TokenKind.String or TokenKind.Integer or TokenKind.Float => true,
        TokenKind.Operator => token.Value is "[" or "{",
        _ => false,
    };
}
