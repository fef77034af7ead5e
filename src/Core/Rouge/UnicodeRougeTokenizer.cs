namespace SelfInstruct.Core.Rouge;

/// <summary>
/// ROUGE tokens for text in any script (<see cref="TextMode.Unicode"/>). The text is NFKC-normalised, then each code
/// point is lower-cased invariantly (.NET's simple case mapping, not full case folding: "ß" stays "ß" and a final
/// "ς" stays "ς"). A token is a run of letters (L*) and numbers (N*), with the combining marks (M*) that follow a
/// character of the run; each CJK ideograph, kana character and Hangul syllable is a token of its own, with the marks
/// that follow it. Everything else (spaces, punctuation, symbols, format characters such as ZWNJ, a mark with no
/// character before it) separates tokens and is dropped. There is no stemming: no stemmer covers every language.
/// </summary>
public static class UnicodeRougeTokenizer
{
    // Code point ranges whose letters and numbers are tokens of their own, inclusive, in ascending order.
    private static readonly (int First, int Last)[] _ownTokenRanges =
    [
        (0x3005, 0x3007), // ideographic iteration mark, closing mark, number zero
        (0x3021, 0x3029), // Hangzhou numerals
        (0x3038, 0x303B), // Hangzhou numerals ten to thirty, vertical iteration mark
        (0x3040, 0x30FF), // Hiragana, Katakana (the prolonged sound mark too; the middle dot is punctuation)
        (0x31F0, 0x31FF), // Katakana phonetic extensions
        (0x3400, 0x4DBF), // CJK unified ideographs extension A
        (0x4E00, 0x9FFF), // CJK unified ideographs
        (0xAC00, 0xD7A3), // Hangul syllables
        (0xF900, 0xFAFF), // CJK compatibility ideographs (NFKC maps most to unified ones)
        (0x1AFF0, 0x1B16F), // Kana extended B, supplement, extended A, small kana extension
        (0x20000, 0x3FFFF), // planes 2 and 3: CJK ideograph extensions B onwards
    ];

    private enum Kind
    {
        Separator,
        Word,
        OwnToken,
        Mark,
    }

    /// <summary>Splits <paramref name="text"/> into ROUGE tokens.</summary>
    /// <param name="text">Any text; an unpaired surrogate counts as U+FFFD, a separator.</param>
    public static List<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var token = new StringBuilder();
        var ownToken = false;
        Span<char> utf16 = stackalloc char[2];
        foreach (var rune in NormalizeKC(text).EnumerateRunes())
        {
            var kind = KindOf(rune);
            if (kind == Kind.Separator || kind == Kind.OwnToken || (kind == Kind.Word && ownToken))
            {
                Finish(tokens, token);
                ownToken = false;
            }
            if (kind == Kind.Separator || (kind == Kind.Mark && token.Length == 0))
            {
                continue;
            }
            token.Append(utf16[..Rune.ToLowerInvariant(rune).EncodeToUtf16(utf16)]);
            ownToken |= kind == Kind.OwnToken;
        }
        Finish(tokens, token);
        return tokens;
    }

    /// <summary>Whether <paramref name="rune"/> is a token of its own: a CJK ideograph, kana or Hangul syllable.
    /// </summary>
    public static bool IsOwnToken(Rune rune)
    {
        var value = rune.Value;
        foreach (var (first, last) in _ownTokenRanges)
        {
            if (value < first)
            {
                return false;
            }
            if (value <= last)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The NFKC form of <paramref name="text"/>, unpaired surrogates replaced by U+FFFD.</summary>
    internal static string NormalizeKC(string text) => WellFormed(text).Normalize(NormalizationForm.FormKC);

    private static Kind KindOf(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => IsOwnToken(rune) ? Kind.OwnToken
                : Kind.Word,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark =>
            Kind.Mark,
        _ => Kind.Separator,
    };

    // String.Normalize throws on an unpaired surrogate; such text is malformed, not an error of the caller.
    private static string WellFormed(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            builder.Append(rune.ToString());
        }
        return builder.ToString();
    }

    private static void Finish(List<string> tokens, StringBuilder token)
    {
        if (token.Length > 0)
        {
            tokens.Add(token.ToString());
            token.Clear();
        }
    }
}
