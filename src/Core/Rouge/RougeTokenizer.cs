namespace SelfInstruct.Core.Rouge;

/// <summary>
/// The default tokenizer of Google's rouge_score: lower-case as Python does, treat every run of characters outside
/// ASCII <c>[a-z0-9]</c> as a separator, and Porter-stem (NLTK's default mode) tokens longer than 3 characters.
/// </summary>
public static class RougeTokenizer
{
    private const int ShortestStemmedLength = 4;
    private static readonly PorterStemmer _stemmer = new();

    /// <summary>Splits <paramref name="text"/> into ROUGE tokens.</summary>
    /// <param name="text">Any text.</param>
    /// <param name="stem">Whether to Porter-stem tokens longer than 3 characters (SuperNI's setting).</param>
    public static List<string> Tokenize(string text, bool stem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        Span<char> token = stackalloc char[64];
        var buffer = token;
        var length = 0;
        foreach (var character in text)
        {
            // Only these lower-case into ASCII letters or digits under Python's str.lower(): A-Z, the Kelvin sign,
            // and U+0130, whose lower form "i" + U+0307 ends the token right after the "i".
            var lower = character switch
            {
                >= 'a' and <= 'z' or >= '0' and <= '9' => character,
                >= 'A' and <= 'Z' => (char)(character + 32),
                '\u212A' => 'k',
                '\u0130' => 'i',
                _ => '\0',
            };
            if (lower != '\0')
            {
                if (length == buffer.Length)
                {
                    buffer = Grow(buffer);
                }
                buffer[length++] = lower;
            }
            if ((lower == '\0' || character == '\u0130') && length > 0)
            {
                tokens.Add(Finish(buffer[..length], stem));
                length = 0;
            }
        }
        if (length > 0)
        {
            tokens.Add(Finish(buffer[..length], stem));
        }
        return tokens;
    }

    private static Span<char> Grow(Span<char> buffer)
    {
        var larger = new char[buffer.Length * 2];
        buffer.CopyTo(larger);
        return larger;
    }

    private static string Finish(ReadOnlySpan<char> token, bool stem)
    {
        var text = token.ToString();
        return stem && text.Length >= ShortestStemmedLength ? _stemmer.Stem(text) : text;
    }
}
