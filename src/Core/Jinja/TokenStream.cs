namespace SelfInstruct.Core.Jinja;

/// <summary>A cursor over a template's tokens, shared by the statement and expression parsers.</summary>
internal sealed class TokenStream(IReadOnlyList<Token> tokens, string sourceName)
{
    private int _index;

    public string SourceName => sourceName;

    public Token Current => tokens[_index];

    public Token Peek => tokens[Math.Min(_index + 1, tokens.Count - 1)];

    public Token Next()
    {
        var token = Current;
        if (token.Kind != TokenKind.EndOfTemplate)
        {
            _index++;
        }
        return token;
    }

    public bool SkipOperator(string symbol)
    {
        if (!Current.IsOperator(symbol))
        {
            return false;
        }
        _index++;
        return true;
    }

    public bool SkipName(string name)
    {
        if (!Current.IsName(name))
        {
            return false;
        }
        _index++;
        return true;
    }

    public Token Expect(TokenKind kind, string expected)
    {
        if (Current.Kind != kind)
        {
            throw Error(Current, $"expected {expected}, found {Current.Describe()}");
        }
        return Next();
    }

    public void ExpectOperator(string symbol)
    {
        if (!SkipOperator(symbol))
        {
            throw Error(Current, $"expected '{symbol}', found {Current.Describe()}");
        }
    }

    public JinjaException Error(Token at, string what) => new(sourceName, at.Line, what);
}
