namespace SelfInstruct.Core.Rouge;

/// <summary>
/// The SuperNaturalInstructions metric, as natural-instructions' <c>eval/automatic/evaluation.py</c> computes it:
/// exact match after <c>normalize_answer</c>, ROUGE-L F with stemming on the raw strings, each the max over the
/// references, and micro-averages ×100 rounded to 4 decimals, overall or per group (task, category). In
/// <see cref="TextMode.Unicode"/>, for references in any language, exact match compares NFKC-normalised,
/// lower-cased text without punctuation or symbols of any script, and ROUGE-L F scores
/// <see cref="UnicodeRougeTokenizer"/> tokens without stemming; this is our extension, not SuperNI's metric.
/// </summary>
public static class SuperNiMetric
{
    private const string AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /// <summary>
    /// SQuAD's normalization without removing articles: Python lower-casing, ASCII punctuation removed,
    /// whitespace runs collapsed to one space.
    /// </summary>
    public static string NormalizeAnswer(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = PythonText.Lower(text);
        var withoutPunctuation = new StringBuilder(lower.Length);
        foreach (var character in lower)
        {
            if (!AsciiPunctuation.Contains(character, StringComparison.Ordinal))
            {
                withoutPunctuation.Append(character);
            }
        }
        return PythonText.CollapseWhiteSpace(withoutPunctuation.ToString());
    }

    /// <summary>Scores one prediction against its references (at least one) in a text mode; English is
    /// <see cref="Score(string, IReadOnlyList{string})"/>.</summary>
    public static SuperNiScore Score(string prediction, IReadOnlyList<string> references, TextMode mode)
    {
        if (mode == TextMode.English)
        {
            return Score(prediction, references);
        }
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentOutOfRangeException.ThrowIfZero(references.Count);
        var normalizedPrediction = NormalizeAnswerUnicode(prediction);
        var predictionTokens = UnicodeRougeTokenizer.Tokenize(prediction);
        var exactMatch = references.Any(reference => NormalizeAnswerUnicode(reference) == normalizedPrediction);
        var rougeL = references.Max(reference =>
            RougeL.Score(UnicodeRougeTokenizer.Tokenize(reference), predictionTokens).FMeasure);
        return new SuperNiScore(exactMatch ? 1 : 0, rougeL);
    }

    /// <summary>
    /// <see cref="NormalizeAnswer"/> for any script: NFKC, invariant lower-casing, punctuation and symbols (Unicode
    /// P* and S*) removed, whitespace runs collapsed to one space.
    /// </summary>
    public static string NormalizeAnswerUnicode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kept = new StringBuilder(text.Length);
        foreach (var rune in UnicodeRougeTokenizer.NormalizeKC(text).EnumerateRunes())
        {
            if (!Rune.IsPunctuation(rune) && !Rune.IsSymbol(rune))
            {
                kept.Append(Rune.ToLowerInvariant(rune).ToString());
            }
        }
        return string.Join(' ', kept.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Scores one prediction against its references (at least one).</summary>
    public static SuperNiScore Score(string prediction, IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentOutOfRangeException.ThrowIfZero(references.Count);
        var normalizedPrediction = NormalizeAnswer(prediction);
        var predictionTokens = RougeTokenizer.Tokenize(prediction, stem: true);
        var exactMatch = 0;
        var rougeL = 0.0;
        foreach (var reference in references)
        {
            if (NormalizeAnswer(reference) == normalizedPrediction)
            {
                exactMatch = 1;
            }
            var score = RougeL.Score(RougeTokenizer.Tokenize(reference, stem: true), predictionTokens).FMeasure;
            rougeL = Math.Max(rougeL, score);
        }
        return new SuperNiScore(exactMatch, rougeL);
    }

    /// <summary>The micro-average over all scores, in the official script's order of arithmetic and rounding.</summary>
    public static SuperNiMetrics Aggregate(IReadOnlyList<SuperNiScore> scores)
    {
        ArgumentOutOfRangeException.ThrowIfZero(scores.Count);
        var exactMatches = 0;
        var rougeL = 0.0;
        foreach (var score in scores)
        {
            exactMatches += score.ExactMatch;
            rougeL += score.RougeL;
        }
        return new SuperNiMetrics(
            PythonRound.Round(100.0 * exactMatches / scores.Count, 4),
            PythonRound.Round(100.0 * rougeL / scores.Count, 4),
            scores.Count);
    }

    /// <summary>The micro-average per group, groups in order of first appearance.</summary>
    public static IReadOnlyList<(string Group, SuperNiMetrics Metrics)> AggregateBy(
        IReadOnlyList<SuperNiScore> scores,
        IReadOnlyList<string> groups)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(groups.Count, scores.Count);
        return scores
            .Zip(groups, (score, group) => (score, group))
            .GroupBy(pair => pair.group, StringComparer.Ordinal)
            .Select(group => (group.Key, Aggregate(group.Select(pair => pair.score).ToList())))
            .ToList();
    }

    /// <summary>The official key form of a category name: lower-cased words joined by underscores.</summary>
    public static string CategoryKey(string category) =>
        PythonText.CollapseWhiteSpace(PythonText.Lower(category)).Replace(' ', '_');
}
