namespace SelfInstruct.Core.Jinja;

/// <summary>
/// Parses the statement tags of the supported subset (<c>if</c>/<c>elif</c>/<c>else</c>, <c>for</c>, <c>set</c>,
/// <c>macro</c>, <c>break</c>, <c>continue</c>, <c>generation</c>) into a syntax tree; any other tag is an error that
/// names its line.
/// </summary>
internal sealed class TemplateParser
{
    private readonly TokenStream _stream;
    private readonly ExpressionParser _expressions;
    private int _loopDepth;

    private TemplateParser(IReadOnlyList<Token> tokens, string sourceName)
    {
        _stream = new TokenStream(tokens, sourceName);
        _expressions = new ExpressionParser(_stream);
    }

    public static IReadOnlyList<IStatement> Parse(string source, string sourceName)
    {
        var parser = new TemplateParser(TemplateLexer.Tokenize(source, sourceName), sourceName);
        var (body, end) = parser.ParseBody(null, []);
        return end is null ? body : throw parser._stream.Error(end, $"unexpected '{end.Value}'");
    }

    /// <summary>
    /// Statements up to a block tag named in <paramref name="ends"/> or the end of the template; returns the end
    /// tag's name token, with the stream after it, or null at the end of the template.
    /// </summary>
    private (List<IStatement> Body, Token? End) ParseBody(Token? opener, string[] ends)
    {
        var body = new List<IStatement>();
        while (true)
        {
            var token = _stream.Next();
            switch (token.Kind)
            {
                case TokenKind.Text:
                    body.Add(new TextStatement(token.Value, token.Line));
                    break;
                case TokenKind.VariableBegin:
                    body.Add(new OutputStatement(_expressions.Parse(), token.Line));
                    _stream.Expect(TokenKind.VariableEnd, "'}}'");
                    break;
                case TokenKind.BlockBegin:
                    var name = _stream.Expect(TokenKind.Name, "a statement name");
                    if (ends.Contains(name.Value) || IsEndTag(name.Value))
                    {
                        return (body, name);
                    }
                    body.Add(ParseStatement(name));
                    break;
                case TokenKind.EndOfTemplate when opener is null:
                    return (body, null);
                case TokenKind.EndOfTemplate:
                    var what = $"'{opener!.Value}' opened on line {opener.Line} needs '{ends[0]}'";
                    throw _stream.Error(token, $"unexpected end of template: {what}");
                default:
                    throw _stream.Error(token, $"unexpected {token.Describe()}");
            }
        }
    }

    private static bool IsEndTag(string name) =>
        name is "elif" or "else" || name.StartsWith("end", StringComparison.Ordinal);

    private IStatement ParseStatement(Token name) => name.Value switch
    {
        "if" => ParseIf(name),
        "for" => ParseFor(name),
        "set" => ParseSet(name),
        "macro" => ParseMacro(name),
        "break" or "continue" => ParseLoopControl(name),
        "generation" => ParseGeneration(name),
        _ => throw _stream.Error(name, $"unsupported tag '{name.Value}'"),
    };

    private T EndTag<T>(T statement)
    {
        _stream.Expect(TokenKind.BlockEnd, "'%}'");
        return statement;
    }

    private IfStatement ParseIf(Token opener)
    {
        var branches = new List<(IExpression, IReadOnlyList<IStatement>)>();
        var condition = _expressions.Parse();
        while (true)
        {
            _stream.Expect(TokenKind.BlockEnd, "'%}'");
            var (body, end) = ParseBody(opener, ["endif", "elif", "else"]);
            branches.Add((condition, body));
            RejectStrayEnd(end!, "endif", "elif", "else");
            if (end!.Value == "elif")
            {
                condition = _expressions.Parse();
                continue;
            }
            var otherwise = end.Value == "else" ? ParseElse(opener, "endif") : [];
            return EndTag(new IfStatement(branches, otherwise, opener.Line));
        }
    }

    private ForStatement ParseFor(Token opener)
    {
        var targets = new List<string> { _stream.Expect(TokenKind.Name, "a loop variable").Value };
        while (_stream.SkipOperator(","))
        {
            targets.Add(_stream.Expect(TokenKind.Name, "a loop variable").Value);
        }
        if (!_stream.SkipName("in"))
        {
            throw _stream.Error(_stream.Current, $"expected 'in', found {_stream.Current.Describe()}");
        }
        var iterable = _expressions.Parse(allowConditional: false);
        var filter = _stream.SkipName("if") ? _expressions.Parse() : null;
        if (_stream.Current.IsName("recursive"))
        {
            throw _stream.Error(_stream.Current, "unsupported recursive loop");
        }
        _stream.Expect(TokenKind.BlockEnd, "'%}'");
        _loopDepth++;
        var (body, end) = ParseBody(opener, ["endfor", "else"]);
        _loopDepth--;
        RejectStrayEnd(end!, "endfor", "else");
        var otherwise = end!.Value == "else" ? ParseElse(opener, "endfor") : [];
        return EndTag(new ForStatement(targets, iterable, filter, body, otherwise, opener.Line));
    }

    private IStatement ParseSet(Token opener)
    {
        var name = _stream.Expect(TokenKind.Name, "a variable name").Value;
        string? attribute = null;
        if (_stream.SkipOperator("."))
        {
            attribute = _stream.Expect(TokenKind.Name, "an attribute name").Value;
        }
        if (_stream.SkipOperator("="))
        {
            return EndTag(new SetStatement(name, attribute, _expressions.Parse(), opener.Line));
        }
        if (attribute is not null || _stream.Current.Kind != TokenKind.BlockEnd)
        {
            throw _stream.Error(_stream.Current, $"expected '=', found {_stream.Current.Describe()}");
        }
        _stream.Next();
        return EndTag(new SetBlockStatement(name, ParseBodyUntil(opener, "endset"), opener.Line));
    }

    private MacroStatement ParseMacro(Token opener)
    {
        var name = _stream.Expect(TokenKind.Name, "a macro name").Value;
        _stream.ExpectOperator("(");
        var parameters = new List<(string, IExpression?)>();
        while (!_stream.SkipOperator(")"))
        {
            if (parameters.Count > 0)
            {
                _stream.ExpectOperator(",");
            }
            var parameter = _stream.Expect(TokenKind.Name, "a parameter name").Value;
            parameters.Add((parameter, _stream.SkipOperator("=") ? _expressions.Parse() : null));
        }
        _stream.Expect(TokenKind.BlockEnd, "'%}'");
        var loopDepth = _loopDepth;
        _loopDepth = 0;
        var body = ParseBodyUntil(opener, "endmacro");
        _loopDepth = loopDepth;
        return EndTag(new MacroStatement(name, parameters, body, opener.Line));
    }

    private LoopControlStatement ParseLoopControl(Token name) =>
        _loopDepth > 0
            ? EndTag(new LoopControlStatement(name.Value == "break", name.Line))
            : throw _stream.Error(name, $"'{name.Value}' outside loop");

    private GenerationStatement ParseGeneration(Token opener)
    {
        _stream.Expect(TokenKind.BlockEnd, "'%}'");
        return EndTag(new GenerationStatement(ParseBodyUntil(opener, "endgeneration"), opener.Line));
    }

    private List<IStatement> ParseElse(Token opener, string end)
    {
        _stream.Expect(TokenKind.BlockEnd, "'%}'");
        return ParseBodyUntil(opener, end);
    }

    /// <summary>
    /// A body that must end with <paramref name="end"/>, the stream left before that tag's <c>%}</c>.
    /// </summary>
    private List<IStatement> ParseBodyUntil(Token opener, string end)
    {
        var (body, found) = ParseBody(opener, [end]);
        RejectStrayEnd(found!, end);
        return body;
    }

    private void RejectStrayEnd(Token end, params string[] expected)
    {
        if (!expected.Contains(end.Value))
        {
            var names = string.Join(" or ", expected.Select(name => $"'{name}'"));
            throw _stream.Error(end, $"unexpected '{end.Value}', expected {names}");
        }
    }
}
