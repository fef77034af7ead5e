namespace SelfInstruct.Core.Text;

/// <summary>
/// Python 3's <c>str.lower()</c> and <c>str.split()</c>, which the reference metrics use and .NET does not match:
/// Python lower-cases U+0130 to two characters and Σ to ς at the end of a word, and splits on U+001C to U+001F.
/// </summary>
public static class PythonText
{
    private const char CapitalSigma = '\u03A3';

    /// <summary>Python's <c>str.lower()</c>: full Unicode lower-casing with the final-sigma rule.</summary>
    public static string Lower(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        for (var index = 0; index < text.Length; index++)
        {
            var character = text[index];
            if (character < 128)
            {
                builder.Append(character is >= 'A' and <= 'Z' ? (char)(character + 32) : character);
            }
            else if (character == '\u0130')
            {
                builder.Append("i\u0307");
            }
            else if (character == CapitalSigma)
            {
                builder.Append(IsFinalSigma(text, index) ? '\u03C2' : '\u03C3');
            }
            else if (char.IsHighSurrogate(character) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                builder.Append(Rune.ToLowerInvariant(new Rune(character, text[index + 1])).ToString());
                index++;
            }
            else
            {
                builder.Append(char.ToLowerInvariant(character));
            }
        }
        return builder.ToString();
    }

    /// <summary>Whether Python's argument-less <c>str.split()</c> splits on this character.</summary>
    public static bool IsWhiteSpace(char character) => character switch
    {
        >= '\u0009' and <= '\u000D' or >= '\u001C' and <= '\u0020' => true,
        '\u0085' or '\u00A0' or '\u1680' or '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' => true,
        >= '\u2000' and <= '\u200A' => true,
        _ => false,
    };

    /// <summary>Python's <c>' '.join(text.split())</c>: runs of whitespace become one space, ends trimmed.</summary>
    public static string CollapseWhiteSpace(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var character in text)
        {
            if (IsWhiteSpace(character))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(character);
        }
        return builder.ToString();
    }

    // Unicode's Final_Sigma condition: a cased letter before (skipping case-ignorables) and none after.
    private static bool IsFinalSigma(string text, int index)
    {
        var before = index - 1;
        while (before >= 0 && IsCaseIgnorable(text[before]))
        {
            before--;
        }
        if (before < 0 || !IsCased(text[before]))
        {
            return false;
        }
        var after = index + 1;
        while (after < text.Length && IsCaseIgnorable(text[after]))
        {
            after++;
        }
        return after >= text.Length || !IsCased(text[after]);
    }

    private static bool IsCased(char character) => CharUnicodeInfo.GetUnicodeCategory(character) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter;

    private static bool IsCaseIgnorable(char character) =>
        character is '\'' or '.' or ':' or '^' or '`' or '\u00B7' or '\u2018' or '\u2019' or '\u2024' ||
        CharUnicodeInfo.GetUnicodeCategory(character) is UnicodeCategory.NonSpacingMark
            or UnicodeCategory.EnclosingMark or UnicodeCategory.Format or UnicodeCategory.ModifierLetter
            or UnicodeCategory.ModifierSymbol;
}
