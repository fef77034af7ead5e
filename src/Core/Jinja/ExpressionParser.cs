namespace SelfInstruct.Core.Jinja;

/// <summary>
/// Parses expressions with jinja2's precedence, loosest first: conditional, <c>or</c>, <c>and</c>, <c>not</c>,
/// comparisons (with <c>in</c>), <c>+ -</c>, <c>~</c>, <c>* / // %</c>, <c>**</c>, unary minus, then postfix
/// attribute, item, slice and call, with filters and tests applied after them.
/// </summary>
internal sealed class ExpressionParser(TokenStream stream)
{
    private static readonly HashSet<string> CompareOperators = ["==", "!=", "<", "<=", ">", ">="];
    private static readonly HashSet<string> NotTestArguments = ["else", "or", "and"];
    private static readonly string[][] BinaryLevels = [["+", "-"], ["~"], ["*", "/", "//", "%"], ["**"]];

    /// <summary>A full expression; without <paramref name="allowConditional"/> an <c>if</c> ends it, as in a for loop.</summary>
    public IExpression Parse(bool allowConditional = true) => allowConditional ? ParseConditional() : ParseOr();

    private IExpression ParseConditional()
    {
        var then = ParseOr();
        while (stream.Current.IsName("if"))
        {
            var line = stream.Next().Line;
            var condition = ParseOr();
            var otherwise = stream.SkipName("else") ? ParseConditional() : null;
            then = new ConditionalExpression(condition, then, otherwise, line);
        }
        return then;
    }

    private IExpression ParseOr()
    {
        var left = ParseAnd();
        while (stream.Current.IsName("or"))
        {
            var line = stream.Next().Line;
            left = new LogicalExpression("or", left, ParseAnd(), line);
        }
        return left;
    }

    private IExpression ParseAnd()
    {
        var left = ParseNot();
        while (stream.Current.IsName("and"))
        {
            var line = stream.Next().Line;
            left = new LogicalExpression("and", left, ParseNot(), line);
        }
        return left;
    }

    private IExpression ParseNot()
    {
        if (stream.Current.IsName("not"))
        {
            var line = stream.Next().Line;
            return new UnaryExpression("not", ParseNot(), line);
        }
        return ParseCompare();
    }

    private IExpression ParseCompare()
    {
        var line = stream.Current.Line;
        var first = ParseBinary(0);
        var rest = new List<(string, IExpression)>();
        while (true)
        {
            var token = stream.Current;
            if (token.Kind == TokenKind.Operator && CompareOperators.Contains(token.Value))
            {
                stream.Next();
                rest.Add((token.Value, ParseBinary(0)));
            }
            else if (token.IsName("in"))
            {
                stream.Next();
                rest.Add(("in", ParseBinary(0)));
            }
            else if (token.IsName("not") && stream.Peek.IsName("in"))
            {
                stream.Next();
                stream.Next();
                rest.Add(("not in", ParseBinary(0)));
            }
            else
            {
                break;
            }
        }
        return rest.Count == 0 ? first : new CompareExpression(first, rest, line);
    }

    private IExpression ParseBinary(int level)
    {
        if (level == BinaryLevels.Length)
        {
            return ParseUnary(withFilters: true);
        }
        var left = ParseBinary(level + 1);
        while (stream.Current.Kind == TokenKind.Operator && BinaryLevels[level].Contains(stream.Current.Value))
        {
            var token = stream.Next();
            left = new BinaryExpression(token.Value, left, ParseBinary(level + 1), token.Line);
        }
        return left;
    }

    private IExpression ParseUnary(bool withFilters)
    {
        var token = stream.Current;
        IExpression node;
        if (token.IsOperator("-") || token.IsOperator("+"))
        {
            stream.Next();
            node = new UnaryExpression(token.Value, ParseUnary(withFilters: false), token.Line);
        }
        else
        {
            node = ParsePostfix(ParsePrimary());
        }
        return withFilters ? ParseFiltersAndTests(node) : node;
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
        var first = Parse();
        if (stream.SkipOperator(")"))
        {
            return first;
        }
        stream.ExpectOperator(",");
        var items = new List<IExpression> { first };
        items.AddRange(ParseList(")"));
        return new ListExpression(items, open.Line, IsTuple: true);
    }

    /// <summary>Comma-separated expressions up to <paramref name="close"/>, a trailing comma allowed.</summary>
    private List<IExpression> ParseList(string close)
    {
        var items = new List<IExpression>();
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
            items.Add(Parse());
        }
        return items;
    }

    private DictionaryExpression ParseDictionary(Token open)
    {
        var entries = new List<(IExpression, IExpression)>();
        while (!stream.SkipOperator("}"))
        {
            if (entries.Count > 0)
            {
                stream.ExpectOperator(",");
                if (stream.SkipOperator("}"))
                {
                    break;
                }
            }
            var key = Parse();
            stream.ExpectOperator(":");
            entries.Add((key, Parse()));
        }
        return new DictionaryExpression(entries, open.Line);
    }

    private IExpression ParsePostfix(IExpression node)
    {
        while (true)
        {
            var token = stream.Current;
            if (token.IsOperator("."))
            {
                stream.Next();
                var name = stream.Current.Kind == TokenKind.Integer ? stream.Next() : stream.Expect(TokenKind.Name, "an attribute name");
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
        IExpression? start = stream.Current.IsOperator(":") ? null : Parse();
        if (stream.SkipOperator("]"))
        {
            return new ItemExpression(target, start!, open.Line);
        }
        stream.ExpectOperator(":");
        var stop = stream.Current.IsOperator(":") || stream.Current.IsOperator("]") ? null : Parse();
        IExpression? step = null;
        if (stream.SkipOperator(":") && !stream.Current.IsOperator("]"))
        {
            step = Parse();
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
        var positional = new List<IExpression>();
        var keyword = new List<(string, IExpression)>();
        while (!stream.SkipOperator(")"))
        {
            if (positional.Count + keyword.Count > 0)
            {
                stream.ExpectOperator(",");
                if (stream.SkipOperator(")"))
                {
                    break;
                }
            }
            if (stream.Current.IsOperator("*") || stream.Current.IsOperator("**"))
            {
                throw stream.Error(stream.Current, "unsupported argument unpacking");
            }
            if (stream.Current.Kind == TokenKind.Name && stream.Peek.IsOperator("="))
            {
                var name = stream.Next().Value;
                stream.Next();
                keyword.Add((name, Parse()));
            }
            else if (keyword.Count > 0)
            {
                throw stream.Error(stream.Current, "a positional argument follows a keyword argument");
            }
            else
            {
                positional.Add(Parse());
            }
        }
        return new Arguments(positional, keyword);
    }

    private IExpression ParseFiltersAndTests(IExpression node)
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
        if (!JinjaTests.Supports(name.Value))
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
            arguments = new Arguments([ParsePostfix(ParsePrimary())], []);
        }
        return new TestExpression(value, name.Value, arguments, negated, isToken.Line);
    }

    private static bool StartsTestArgument(Token token) => token.Kind switch
    {
        TokenKind.Name => !NotTestArguments.Contains(token.Value),
        TokenKind.String or TokenKind.Integer or TokenKind.Float => true,
        TokenKind.Operator => token.Value is "[" or "{",
        _ => false,
    };
}
