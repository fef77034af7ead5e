using Xunit;

namespace SelfInstruct.Tests.Core.Rouge;

public sealed class SuperNiMetricTests
{
    [Theory]
    [InlineData("The cat sat.", new[] { "the cat sat on the mat", "a cat" })]
    [InlineData("Running dogs", new[] { "run dog" })]
    [InlineData("是", new[] { "是。" })]
    public void Scores_in_english_mode_exactly_as_the_superni_metric(string prediction, string[] references)
    {
        var english = SuperNiMetric.Score(prediction, references, TextMode.English);

        Assert.Equal(SuperNiMetric.Score(prediction, references), english);
    }

    [Theory]
    [InlineData("「是」。", new[] { "否", "是" }, 1, 1.0)]
    [InlineData("Ｐａｒｉｓ", new[] { "paris" }, 1, 1.0)]
    [InlineData("Москва!", new[] { "МОСКВА" }, 1, 1.0)]
    [InlineData("東京", new[] { "京都" }, 0, 0.5)]
    [InlineData("Столица — Москва", new[] { "Москва" }, 0, 2.0 / 3.0)]
    public void Matches_after_nfkc_lower_casing_and_dropping_punctuation_of_any_script_in_unicode_mode(
        string prediction, string[] references, int exactMatch, double rougeL)
    {
        var score = SuperNiMetric.Score(prediction, references, TextMode.Unicode);

        Assert.Equal(exactMatch, score.ExactMatch);
        Assert.Equal(rougeL, score.RougeL, 1e-12);
    }

    [Fact]
    public void Normalizes_answers_of_any_script()
    {
        Assert.Equal("hello 世界", SuperNiMetric.NormalizeAnswerUnicode("  Ｈｅｌｌｏ,\u3000世界！ "));
        Assert.Equal("x y", SuperNiMetric.NormalizeAnswerUnicode("x + y = ★"));
    }
}
