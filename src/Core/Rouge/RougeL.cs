namespace SelfInstruct.Core.Rouge;

/// <summary>
/// ROUGE-L (sentence level) exactly as rouge_score's <c>RougeScorer(['rougeL']).score(target, prediction)</c>
/// computes it, with or without Porter stemming.
/// </summary>
public static class RougeL
{
    /// <summary>Scores a prediction against a target; stemming is SuperNI's setting, none Self-Instruct's.</summary>
    public static RougeLScore Score(string target, string prediction, bool stem)
    {
        var targetTokens = RougeTokenizer.Tokenize(target, stem);
        var predictionTokens = RougeTokenizer.Tokenize(prediction, stem);
        return Score(targetTokens, predictionTokens);
    }

    /// <summary>
    /// Scores a prediction against a target in a text mode: English is exactly <see cref="Score(string, string, bool)"/>,
    /// Unicode scores <see cref="UnicodeRougeTokenizer"/> tokens.
    /// </summary>
    /// <exception cref="ArgumentException">Stemming asked for in Unicode mode, which has no stemmer.</exception>
    public static RougeLScore Score(string target, string prediction, bool stem, TextMode mode) =>
        Score(Tokenize(target, stem, mode), Tokenize(prediction, stem, mode));

    /// <summary>The ROUGE tokens of <paramref name="text"/> in a text mode.</summary>
    /// <exception cref="ArgumentException">Stemming asked for in Unicode mode, which has no stemmer.</exception>
    public static List<string> Tokenize(string text, bool stem, TextMode mode) => mode switch
    {
        TextMode.English => RougeTokenizer.Tokenize(text, stem),
        TextMode.Unicode when stem => throw new ArgumentException(
            "stemming is English only: unicode text mode has no stemmer", nameof(stem)),
        TextMode.Unicode => UnicodeRougeTokenizer.Tokenize(text),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "expected english or unicode"),
    };

    /// <summary>Scores two token lists from <see cref="RougeTokenizer"/>.</summary>
    public static RougeLScore Score(IReadOnlyList<string> targetTokens, IReadOnlyList<string> predictionTokens)
    {
        if (targetTokens.Count == 0 || predictionTokens.Count == 0)
        {
            return RougeLScore.Zero;
        }
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var target = targetTokens.Select(token => Id(ids, token)).ToArray();
        var prediction = predictionTokens.Select(token => Id(ids, token)).ToArray();
        var lcs = BitParallelLcs.Length(target, prediction);
        return RougeLScore.FromCounts(lcs, prediction.Length, target.Length);
    }

    private static int Id(Dictionary<string, int> ids, string token)
    {
        if (!ids.TryGetValue(token, out var id))
        {
            id = ids.Count;
            ids.Add(token, id);
        }
        return id;
    }
}
