namespace SelfInstruct.Core.Rouge;

/// <summary>Porter's tests on the letters of a word: consonants, the measure m, vowels and endings.</summary>
internal static class PorterWordShape
{
    // A letter is a consonant unless it is a vowel or a "y" that follows a consonant; digits count as consonants.
    public static bool IsConsonant(ReadOnlySpan<char> word, int index)
    {
        var flipped = false;
        while (true)
        {
            var letter = word[index];
            if (IsVowel(letter))
            {
                return flipped;
            }

            if (letter != 'y' || index == 0)
            {
                return !flipped;
            }

            flipped = !flipped;
            index--;
        }
    }

    public static bool IsVowel(char letter) => letter is 'a' or 'e' or 'i' or 'o' or 'u';

    // Porter's m: the number of vowel-to-consonant transitions in [C](VC){m}[V].
    public static int Measure(ReadOnlySpan<char> stem)
    {
        var measure = 0;
        var previousIsConsonant = true;
        for (var i = 0; i < stem.Length; i++)
        {
            var isConsonant = IsConsonantAfter(stem[i], i == 0 || !previousIsConsonant);
            if (isConsonant && !previousIsConsonant)
            {
                measure++;
            }

            previousIsConsonant = isConsonant;
        }

        return measure;
    }

    public static bool ContainsVowel(ReadOnlySpan<char> stem)
    {
        var previousIsConsonant = true;
        for (var i = 0; i < stem.Length; i++)
        {
            previousIsConsonant = IsConsonantAfter(stem[i], i == 0 || !previousIsConsonant);
            if (!previousIsConsonant)
            {
                return true;
            }
        }

        return false;
    }

    // Single-pass form of IsConsonant: a "y" is a consonant only at the start or right after a vowel.
    public static bool IsConsonantAfter(char letter, bool atStartOrAfterVowel) =>
        !IsVowel(letter) && (letter != 'y' || atStartOrAfterVowel);

    public static bool EndsWithDoubleConsonant(ReadOnlySpan<char> word) =>
        word.Length >= 2 && word[^1] == word[^2] && IsConsonant(word, word.Length - 1);

    // Porter's *o (consonant-vowel-consonant, last not w/x/y), plus NLTK's two-letter vowel-consonant case.
    public static bool EndsWithCvc(ReadOnlySpan<char> word)
    {
        if (word.Length == 2)
        {
            return !IsConsonant(word, 0) && IsConsonant(word, 1);
        }

        return word.Length >= 3
            && IsConsonant(word, word.Length - 3)
            && !IsConsonant(word, word.Length - 2)
            && IsConsonant(word, word.Length - 1)
            && word[^1] is not ('w' or 'x' or 'y');
    }
}
