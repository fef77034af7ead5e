namespace SelfInstruct.Core.Jinja;

/// <summary>
/// Parses expressions with jinja2's precedence, loosest first: conditional, <c>or</c>, <c>and</c>, <c>not</c>,
/// comparisons (with <c>in</c>), <c>+ -</c>, <c>~</c>, <c>* / // %</c>, <c>**</c>, unary minus, then the operands
/// with their postfix lookups, calls, filters and tests (<see cref="OperandParser"/>).
/// </summary>
internal sealed class ExpressionParser
{
    private static readonly HashSet<string> _compareOperators = ["==", "!=", "<", "<=", ">", ">="];
    private static readonly string[][] _binaryLevels = [["+", "-"], ["~"], ["*", "/", "//", "%"], ["**"]];

    private readonly TokenStream _stream;
    private readonly OperandParser _operands;

    public ExpressionParser(TokenStream stream)
    {
        _stream = stream;
        _operands = new OperandParser(stream, this);
    }

    /// <summary>
    /// A full expression; without <paramref name="allowConditional"/> an <c>if</c> ends it, as in a for loop.
    /// </summary>
    public IExpression Parse(bool allowConditional = true) => allowConditional ? ParseConditional() : ParseOr();

    private IExpression ParseConditional()
    {
        var then = ParseOr();
        while (_stream.Current.IsName("if"))
        {
            var line = _stream.Next().Line;
            var condition = ParseOr();
            var otherwise = _stream.SkipName("else") ? ParseConditional() : null;
            then = new ConditionalExpression(condition, then, otherwise, line);
        }
        return then;
    }

    private IExpression ParseOr()
    {
        var left = ParseAnd();
        while (_stream.Current.IsName("or"))
        {
            var line = _stream.Next().Line;
            left = new LogicalExpression("or", left, ParseAnd(), line);
        }
        return left;
    }

    private IExpression ParseAnd()
    {
        var left = ParseNot();
        while (_stream.Current.IsName("and"))
        {
            var line = _stream.Next().Line;
            left = new LogicalExpression("and", left, ParseNot(), line);
        }
        return left;
    }

    private IExpression ParseNot()
    {
        if (_stream.Current.IsName("not"))
        {
            var line = _stream.Next().Line;
            return new UnaryExpression("not", ParseNot(), line);
        }
        return ParseCompare();
    }

    private IExpression ParseCompare()
    {
        var line = _stream.Current.Line;
        var first = ParseBinary(0);
        var rest = new List<(string, IExpression)>();
        while (true)
        {
            var token = _stream.Current;
            if (token.Kind == TokenKind.Operator && _compareOperators.Contains(token.Value))
            {
                _stream.Next();
                rest.Add((token.Value, ParseBinary(0)));
            }
            else if (token.IsName("in"))
            {
                _stream.Next();
                rest.Add(("in", ParseBinary(0)));
            }
            else if (token.IsName("not") && _stream.Peek.IsName("in"))
            {
                _stream.Next();
                _stream.Next();
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
        if (level == _binaryLevels.Length)
        {
            return ParseUnary(withFilters: true);
        }
        var left = ParseBinary(level + 1);
        while (_stream.Current.Kind == TokenKind.Operator && _binaryLevels[level].Contains(_stream.Current.Value))
        {
            var token = _stream.Next();
            left = new BinaryExpression(token.Value, left, ParseBinary(level + 1), token.Line);
        }
        return left;
    }

    private IExpression ParseUnary(bool withFilters)
    {
        var token = _stream.Current;
        IExpression node;
        if (token.IsOperator("-") || token.IsOperator("+"))
        {
            _stream.Next();
            node = new UnaryExpression(token.Value, ParseUnary(withFilters: false), token.Line);
        }
        else
        {
            node = _operands.Parse();
        }
        return withFilters ? _operands.ParseFiltersAndTests(node) : node;
    }
}
