namespace SelfInstruct.Core.Jinja;

/// <summary>
/// Splits a template into tokens the way jinja2's lexer does with <c>trim_blocks</c> and <c>lstrip_blocks</c> on:
/// a block or comment tag eats the newline after it and the indentation before it, <c>-</c> inside a delimiter eats
/// all whitespace on that side, <c>+</c> keeps it, and one trailing newline of the template is dropped.
/// </summary>
internal sealed class TemplateLexer
{
    private static readonly string[] _operators =
    [
        "//", "**", "==", "!=", "<=", ">=",
        "+", "-", "*", "/", "%", "~", "<", ">", "=", "(", ")", "[", "]", "{", "}", ",", ".", ":", "|",
    ];

    private static readonly char[] _pythonWhiteSpace =
        [.. Enumerable.Range(0, 0x3001).Select(code => (char)code).Where(PythonText.IsWhiteSpace)];

    private readonly string _source;
    private readonly string _sourceName;
    private readonly List<Token> _tokens = [];
    private int _position;
    private int _line = 1;

    private TemplateLexer(string source, string sourceName)
    {
        _source = source;
        _sourceName = sourceName;
    }

    /// <summary>The tokens of <paramref name="source"/>, ending with an end-of-template token.</summary>
    public static IReadOnlyList<Token> Tokenize(string source, string sourceName)
    {
        var lexer = new TemplateLexer(NormalizeNewlines(source), sourceName);
        lexer.Run();
        return lexer._tokens;
    }

    private static string NormalizeNewlines(string source)
    {
        var normalized = source.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return normalized.EndsWith('\n') ? normalized[..^1] : normalized;
    }

    private void Run()
    {
        while (_position < _source.Length)
        {
            var tagStart = NextTagStart(_position);
            var lineStarting = _position == 0 || _source[_position - 1] == '\n';
            var text = _source[_position..(tagStart < 0 ? _source.Length : tagStart)];
            if (tagStart < 0)
            {
                AddText(text, text);
                break;
            }
            var opener = _source[tagStart + 1];
            var sign = tagStart + 2 < _source.Length ? _source[tagStart + 2] : '\0';
            AddText(StripBeforeTag(text, opener, sign, lineStarting), text);
            _position = tagStart + 2 + (sign is '-' or '+' ? 1 : 0);
            if (opener == '#')
            {
                SkipComment();
            }
            else
            {
                ReadTag(opener == '{' ? TokenKind.VariableBegin : TokenKind.BlockBegin);
            }
        }
        _tokens.Add(new Token(TokenKind.EndOfTemplate, "", _line));
    }

    private int NextTagStart(int from)
    {
        for (var index = _source.IndexOf('{', from); index >= 0; index = _source.IndexOf('{', index + 1))
        {
            if (index + 1 < _source.Length && _source[index + 1] is '{' or '%' or '#')
            {
                return index;
            }
        }
        return -1;
    }

    private static string StripBeforeTag(string text, char opener, char sign, bool lineStarting)
    {
        if (sign == '-')
        {
            return text.TrimEnd(_pythonWhiteSpace);
        }
        if (sign == '+' || opener == '{')
        {
            return text;
        }
        var lineStart = text.LastIndexOf('\n') + 1;
        var indentation = text.AsSpan(lineStart);
        var onlyIndentation = indentation.Length > 0 && !indentation.ContainsAnyExcept(_pythonWhiteSpace);
        return (lineStart > 0 || lineStarting) && onlyIndentation ? text[..lineStart] : text;
    }

    /// <summary>Adds the stripped text of a source segment; the line count moves over the whole segment.</summary>
    private void AddText(string text, string segment)
    {
        if (text.Length > 0)
        {
            _tokens.Add(new Token(TokenKind.Text, text, _line));
        }
        _line += segment.Count(character => character == '\n');
    }

    private void SkipComment()
    {
        var end = _source.IndexOf("#}", _position, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new JinjaException(_sourceName, _line, "missing end of comment tag '#}'");
        }
        var sign = _source[end - 1];
        CountLines(_position, end + 2);
        _position = end + 2;
        SkipAfterTag(sign, trimsNewline: true);
    }

    private void ReadTag(TokenKind begin)
    {
        var end = begin == TokenKind.VariableBegin ? TokenKind.VariableEnd : TokenKind.BlockEnd;
        var closer = end == TokenKind.VariableEnd ? "}}" : "%}";
        _tokens.Add(new Token(begin, "", _line));
        var depth = 0;
        while (true)
        {
            SkipWhiteSpace();
            if (_position >= _source.Length)
            {
                throw new JinjaException(_sourceName, _line, $"unexpected end of template, expected '{closer}'");
            }
            var sign = _source[_position];
            var signLength = sign is '-' or '+' ? 1 : 0;
            if (depth == 0 && string.CompareOrdinal(_source, _position + signLength, closer, 0, 2) == 0)
            {
                _tokens.Add(new Token(end, "", _line));
                _position += signLength + 2;
                SkipAfterTag(sign, trimsNewline: end == TokenKind.BlockEnd);
                return;
            }
            var token = ReadExpressionToken();
            if (token.Kind == TokenKind.Operator)
            {
                depth += token.Value is "(" or "[" or "{" ? 1 : token.Value is ")" or "]" or "}" ? -1 : 0;
            }
            _tokens.Add(token);
        }
    }

    private void SkipAfterTag(char sign, bool trimsNewline)
    {
        if (sign == '-')
        {
            var start = _position;
            while (_position < _source.Length && PythonText.IsWhiteSpace(_source[_position]))
            {
                _position++;
            }
            CountLines(start, _position);
        }
        else if (sign != '+' && trimsNewline && _position < _source.Length && _source[_position] == '\n')
        {
            _position++;
            _line++;
        }
    }

    private void SkipWhiteSpace()
    {
        var start = _position;
        while (_position < _source.Length && PythonText.IsWhiteSpace(_source[_position]))
        {
            _position++;
        }
        CountLines(start, _position);
    }

    private void CountLines(int start, int end)
    {
        for (var index = start; index < end; index++)
        {
            _line += _source[index] == '\n' ? 1 : 0;
        }
    }

    private Token ReadExpressionToken()
    {
        var character = _source[_position];
        if (character is '\'' or '"')
        {
            return ReadString(character);
        }
        if (char.IsAsciiDigit(character))
        {
            return ReadNumber();
        }
        if (char.IsLetter(character) || character == '_')
        {
            var start = _position;
            while (_position < _source.Length &&
                (char.IsLetterOrDigit(_source[_position]) || _source[_position] == '_'))
            {
                _position++;
            }
            return new Token(TokenKind.Name, _source[start.._position], _line);
        }
        foreach (var symbol in _operators)
        {
            if (string.CompareOrdinal(_source, _position, symbol, 0, symbol.Length) == 0)
            {
                _position += symbol.Length;
                return new Token(TokenKind.Operator, symbol, _line);
            }
        }
        throw new JinjaException(_sourceName, _line, $"unexpected character '{character}'");
    }

    private Token ReadString(char quote)
    {
        var line = _line;
        var start = _position + 1;
        var index = start;
        while (index < _source.Length && _source[index] != quote)
        {
            index += _source[index] == '\\' ? 2 : 1;
        }
        if (index >= _source.Length)
        {
            throw new JinjaException(_sourceName, line, "unterminated string");
        }
        CountLines(_position, index);
        _position = index + 1;
        try
        {
            return new Token(TokenKind.String, PythonStringEscapes.Unescape(_source[start..index]), line);
        }
        catch (JinjaRuntimeError error)
        {
            throw new JinjaException(_sourceName, line, error.Message);
        }
    }

    private Token ReadNumber()
    {
        var start = _position;
        SkipDigits();
        var isFloat = false;
        if (_position + 1 < _source.Length && _source[_position] == '.' && char.IsAsciiDigit(_source[_position + 1]))
        {
            _position++;
            SkipDigits();
            isFloat = true;
        }
        if (_position < _source.Length && _source[_position] is 'e' or 'E')
        {
            var exponent = _position + 1;
            exponent += exponent < _source.Length && _source[exponent] is '+' or '-' ? 1 : 0;
            if (exponent < _source.Length && char.IsAsciiDigit(_source[exponent]))
            {
                _position = exponent;
                SkipDigits();
                isFloat = true;
            }
        }
        var text = _source[start.._position].Replace("_", "", StringComparison.Ordinal);
        return new Token(isFloat ? TokenKind.Float : TokenKind.Integer, text, _line);
    }

    private void SkipDigits()
    {
        while (_position < _source.Length && (char.IsAsciiDigit(_source[_position]) || _source[_position] == '_'))
        {
            _position++;
        }
    }
}
