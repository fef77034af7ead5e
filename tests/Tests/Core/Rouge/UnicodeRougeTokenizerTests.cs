using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Core.Rouge;

/// <summary>
/// Golden/unicode_pairs_rougeL.jsonl: Chinese, Japanese, Korean, Russian, Arabic, Hindi and mixed-script pairs whose
/// tokens and ROUGE-L values were worked out by hand from the rules of <see cref="UnicodeRougeTokenizer"/>.
/// </summary>
public sealed class UnicodeRougeTokenizerTests
{
    private const string GoldenFile = "tests/Tests/Core/Rouge/Golden/unicode_pairs_rougeL.jsonl";

    [Fact]
    public void Tokenizes_every_golden_pair_as_worked_out_by_hand()
    {
        var pairs = ReadPairs();

        var mismatches = pairs
            .SelectMany(pair => new[] { Compare(pair, "reference"), Compare(pair, "prediction") })
            .OfType<string>()
            .ToList();

        Assert.Equal(15, pairs.Count);
        Assert.Empty(mismatches);
    }

    [Fact]
    public void Scores_every_golden_pair_as_worked_out_by_hand()
    {
        foreach (var pair in ReadPairs())
        {
            var score = RougeL.Score(Text(pair, "reference"), Text(pair, "prediction"), stem: false, TextMode.Unicode);

            Assert.True(Math.Abs(pair.GetProperty("precision").GetDouble() - score.Precision) < 1e-12, Id(pair));
            Assert.True(Math.Abs(pair.GetProperty("recall").GetDouble() - score.Recall) < 1e-12, Id(pair));
            Assert.True(Math.Abs(pair.GetProperty("fmeasure").GetDouble() - score.FMeasure) < 1e-12, Id(pair));
        }
    }

    [Fact]
    public void Scores_the_golden_pairs_in_english_mode_as_rouge_score_does()
    {
        foreach (var pair in ReadPairs())
        {
            var reference = Text(pair, "reference");
            var prediction = Text(pair, "prediction");

            var english = RougeL.Score(reference, prediction, stem: false, TextMode.English);

            Assert.Equal(RougeL.Score(reference, prediction, stem: false), english);
            Assert.True(
                Math.Abs(pair.GetProperty("english_fmeasure").GetDouble() - english.FMeasure) < 1e-12, Id(pair));
        }
    }

    [SharedDataFact]
    public void Reproduces_every_rouge_score_golden_pair_bit_for_bit_in_english_mode()
    {
        var pairs = RougeLGoldenTests.ReadPairs();

        var mismatches = pairs
            .Where(pair =>
            {
                var actual = RougeL.Score(
                    Text(pair, "reference"), Text(pair, "prediction"), stem: false, TextMode.English);
                var expected = pair.GetProperty("rougeL");
                return actual.Precision != expected.GetProperty("precision").GetDouble() ||
                    actual.Recall != expected.GetProperty("recall").GetDouble() ||
                    actual.FMeasure != expected.GetProperty("fmeasure").GetDouble();
            })
            .Select(Id)
            .ToList();

        Assert.Equal(2130, pairs.Count);
        Assert.Empty(mismatches);
    }

    [Theory]
    [InlineData("ab\uD800cd", new[] { "ab", "cd" })]
    [InlineData("\u0301abc", new[] { "abc" })]
    [InlineData("e\u0301t\u00E9", new[] { "\u00E9t\u00E9" })]
    [InlineData("東京タワー2024年", new[] { "東", "京", "タ", "ワ", "ー", "2024", "年" })]
    [InlineData("", new string[0])]
    public void Handles_unpaired_surrogates_leading_marks_composition_and_runs_after_ideographs(
        string text, string[] expected)
    {
        var tokens = UnicodeRougeTokenizer.Tokenize(text);

        Assert.Equal(expected, tokens);
    }

    [Fact]
    public void Refuses_to_stem_in_unicode_mode()
    {
        Assert.Throws<ArgumentException>(() => RougeL.Score("a b", "a b", stem: true, TextMode.Unicode));
    }

    internal static List<JsonElement> ReadPairs() =>
        File.ReadLines(RepositoryRoot.PathTo(GoldenFile))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToList();

    private static string? Compare(JsonElement pair, string side)
    {
        var expected = pair.GetProperty($"{side}_tokens").EnumerateArray().Select(token => token.GetString()!);
        var actual = UnicodeRougeTokenizer.Tokenize(Text(pair, side));
        return expected.SequenceEqual(actual, StringComparer.Ordinal)
            ? null
            : $"{Id(pair)} {side}: [{string.Join(' ', actual)}]";
    }

    private static string Text(JsonElement pair, string side) => pair.GetProperty(side).GetString()!;

    private static string Id(JsonElement pair) => pair.GetProperty("id").GetString()!;
}
