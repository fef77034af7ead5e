namespace SelfInstruct.Core.Rouge;

/// <summary>
/// The SuperNaturalInstructions metric, as natural-instructions' <c>eval/automatic/evaluation.py</c> computes it:
/// exact match after <c>normalize_answer</c>, ROUGE-L F with stemming on the raw strings, each the max over the
/// references, and micro-averages ×100 rounded to 4 decimals, overall or per group (task, category).
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
