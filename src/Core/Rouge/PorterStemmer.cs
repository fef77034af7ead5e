using static SelfInstruct.Core.Rouge.PorterWordShape;

namespace SelfInstruct.Core.Rouge;

/// <summary>
/// Port of NLTK 3.8's <c>PorterStemmer</c> in its default <c>NLTK_EXTENSIONS</c> mode, the stemmer behind
/// Google's <c>rouge_score</c> tokenizer. Produces exactly what <c>PorterStemmer().stem(word)</c> returns for
/// lower-case ASCII tokens made of <c>[a-z0-9]</c>.
/// </summary>
/// <remarks>
/// The type holds no mutable state, so one instance can be shared across threads.
/// </remarks>
public sealed class PorterStemmer
{
    private const int MaxStackLength = 128;

    // Step 2 (m > 0): double suffixes to single ones. Order matters, since only the first matching suffix counts.
    private static readonly Rule[] _step2Rules =
    [
        new("ational", "ate", 1),
        new("tional", "tion", 1),
        new("enci", "ence", 1),
        new("anci", "ance", 1),
        new("izer", "ize", 1),
        new("bli", "ble", 1),
        new("alli", "al", 1),
        new("entli", "ent", 1),
        new("eli", "e", 1),
        new("ousli", "ous", 1),
        new("ization", "ize", 1),
        new("ation", "ate", 1),
        new("ator", "ate", 1),
        new("alism", "al", 1),
        new("iveness", "ive", 1),
        new("fulness", "ful", 1),
        new("ousness", "ous", 1),
        new("aliti", "al", 1),
        new("iviti", "ive", 1),
        new("biliti", "ble", 1),
        new("fulli", "ful", 1),
        // The 'l' counts towards the stem's measure, so short stems such as "geo" and "theo" qualify.
        new("logi", "log", 1, KeptLetters: 1),
    ];

    // Step 3 (m > 0): -icate, -ful, -ness and the like.
    private static readonly Rule[] _step3Rules =
    [
        new("icate", "ic", 1),
        new("ative", "", 1),
        new("alize", "al", 1),
        new("iciti", "ic", 1),
        new("ical", "ic", 1),
        new("ful", "", 1),
        new("ness", "", 1),
    ];

    // Step 4 (m > 1): single suffixes; -ion only after "s" or "t".
    private static readonly Rule[] _step4Rules =
    [
        new("al", "", 2),
        new("ance", "", 2),
        new("ence", "", 2),
        new("er", "", 2),
        new("ic", "", 2),
        new("able", "", 2),
        new("ible", "", 2),
        new("ant", "", 2),
        new("ement", "", 2),
        new("ment", "", 2),
        new("ent", "", 2),
        new("ion", "", 2, AfterSOrT: true),
        new("ou", "", 2),
        new("ism", "", 2),
        new("ate", "", 2),
        new("iti", "", 2),
        new("ous", "", 2),
        new("ive", "", 2),
        new("ize", "", 2),
    ];

    /// <summary>Returns the Porter stem of <paramref name="word"/>, matching NLTK's default mode.</summary>
    /// <param name="word">A lower-case token of ASCII letters and digits.</param>
    /// <returns>The stem; <paramref name="word"/> itself when stemming leaves it unchanged.</returns>
    public string Stem(string word)
    {
        var irregular = IrregularStem(word);
        if (irregular is not null)
        {
            return irregular;
        }

        if (word.Length <= 2)
        {
            return word;
        }

        // Every step keeps the word at most as long as its input, so the buffer never grows.
        var buffer = word.Length <= MaxStackLength ? stackalloc char[word.Length] : new char[word.Length];
        word.AsSpan().CopyTo(buffer);
        var length = Step1a(buffer, word.Length);
        length = Step1b(buffer, length);
        length = Step1c(buffer, length);
        length = Step2(buffer, length);
        length = ApplyRules(buffer, length, _step3Rules);
        length = ApplyRules(buffer, length, _step4Rules);
        length = Step5a(buffer, length);
        length = Step5b(buffer, length);

        var stem = buffer[..length];
        return stem.SequenceEqual(word.AsSpan()) ? word : new string(stem);
    }

    // NLTK's pool of irregular forms, which bypass the algorithm entirely.
    private static string? IrregularStem(string word) => word switch
    {
        "sky" or "skies" => "sky",
        "dying" => "die",
        "lying" => "lie",
        "tying" => "tie",
        "news" => "news",
        "inning" or "innings" => "inning",
        "outing" or "outings" => "outing",
        "canning" or "cannings" => "canning",
        "howe" => "howe",
        "proceed" => "proceed",
        "exceed" => "exceed",
        "succeed" => "succeed",
        _ => null,
    };

    // Step 1a: plurals. A four-letter "-ies" word keeps "ie" ("dies" -> "die"), longer ones keep "i".
    private static int Step1a(Span<char> buffer, int length)
    {
        ReadOnlySpan<char> word = buffer[..length];
        if (word.EndsWith("sses"))
        {
            return length - 2;
        }

        if (word.EndsWith("ies"))
        {
            return length == 4 ? length - 1 : length - 2;
        }

        return word.EndsWith("s") && !word.EndsWith("ss") ? length - 1 : length;
    }

    // Step 1b: "-eed", "-ed", "-ing". A four-letter "-ied" word keeps "ie" ("died" -> "die").
    private static int Step1b(Span<char> buffer, int length)
    {
        ReadOnlySpan<char> word = buffer[..length];
        if (word.EndsWith("ied"))
        {
            return length == 4 ? length - 1 : length - 2;
        }

        if (word.EndsWith("eed"))
        {
            return Measure(word[..^3]) > 0 ? length - 1 : length;
        }

        if (word.EndsWith("ed") && ContainsVowel(word[..^2]))
        {
            return TidyStrippedStem(buffer, length - 2);
        }

        if (word.EndsWith("ing") && ContainsVowel(word[..^3]))
        {
            return TidyStrippedStem(buffer, length - 3);
        }

        return length;
    }

    // After "-ed"/"-ing" is removed: restore "e" on -at/-bl/-iz and short cvc stems, undouble final consonants.
    private static int TidyStrippedStem(Span<char> buffer, int length)
    {
        ReadOnlySpan<char> stem = buffer[..length];
        if (stem.EndsWith("at") || stem.EndsWith("bl") || stem.EndsWith("iz"))
        {
            return Append(buffer, length, 'e');
        }

        if (EndsWithDoubleConsonant(stem))
        {
            return stem[^1] is 'l' or 's' or 'z' ? length : length - 1;
        }

        return Measure(stem) == 1 && EndsWithCvc(stem) ? Append(buffer, length, 'e') : length;
    }

    // Step 1c: final "y" becomes "i" after a consonant, unless that consonant is the whole stem.
    private static int Step1c(Span<char> buffer, int length)
    {
        if (length > 2 && buffer[length - 1] == 'y' && IsConsonant(buffer, length - 2))
        {
            buffer[length - 1] = 'i';
        }

        return length;
    }

    // Step 2: double suffixes. "-alli" is tried first and, when it applies, the result goes through step 2 again.
    private static int Step2(Span<char> buffer, int length)
    {
        ReadOnlySpan<char> word = buffer[..length];
        if (word.EndsWith("alli") && Measure(word[..^4]) > 0)
        {
            return Step2(buffer, length - 2);
        }

        return ApplyRules(buffer, length, _step2Rules);
    }

    // Step 5a: drop a final "e" when m > 1, or when m == 1 and the stem does not end in cvc.
    private static int Step5a(Span<char> buffer, int length)
    {
        ReadOnlySpan<char> word = buffer[..length];
        if (!word.EndsWith("e"))
        {
            return length;
        }

        var measure = Measure(word[..^1]);
        return measure > 1 || (measure == 1 && !EndsWithCvc(word[..^1])) ? length - 1 : length;
    }

    // Step 5b: "-ll" becomes "-l" when m > 1, measured over the word minus its last letter.
    private static int Step5b(Span<char> buffer, int length)
    {
        ReadOnlySpan<char> word = buffer[..length];
        return word.EndsWith("ll") && Measure(word[..^1]) > 1 ? length - 1 : length;
    }

    // Only the first rule whose suffix matches is considered; if its condition fails the word is left as it is.
    private static int ApplyRules(Span<char> buffer, int length, ReadOnlySpan<Rule> rules)
    {
        ReadOnlySpan<char> word = buffer[..length];
        foreach (var rule in rules)
        {
            if (!word.EndsWith(rule.Suffix))
            {
                continue;
            }

            var stemLength = length - rule.Suffix.Length;
            var holds = Measure(word[..(stemLength + rule.KeptLetters)]) >= rule.MinMeasure
                && (!rule.AfterSOrT || word[stemLength - 1] is 's' or 't');
            if (!holds)
            {
                return length;
            }

            rule.Replacement.AsSpan().CopyTo(buffer[stemLength..]);
            return stemLength + rule.Replacement.Length;
        }

        return length;
    }

    private static int Append(Span<char> buffer, int length, char letter)
    {
        buffer[length] = letter;
        return length + 1;
    }

    // MinMeasure: smallest m the stem needs; KeptLetters: suffix letters measured with the stem;
    // AfterSOrT: the stem must also end in "s" or "t".
    private readonly record struct Rule(
        string Suffix, string Replacement, int MinMeasure, int KeptLetters = 0, bool AfterSOrT = false);
}
