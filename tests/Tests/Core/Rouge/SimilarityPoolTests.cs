using Xunit;

namespace SelfInstruct.Tests.Core.Rouge;

public sealed class SimilarityPoolTests
{
    private static readonly string[] _words =
        ["write", "a", "short", "poem", "about", "the", "sea", "list", "three", "reasons", "why", "people", "travel",
            "explain", "how", "to", "cook", "rice", "given", "sentence", "classify", "its", "sentiment", "as",
            "positive", "or", "negative", "summarize", "following", "text", "in", "one", "line", "Rice", "SEA!"];

    // Han and kana words split into one token per character, so sentences of 20 words often pass 64 tokens.
    private static readonly string[] _unicodeWords =
        ["写一首", "关于", "大海", "的诗。", "Напишите", "СТИХОТВОРЕНИЕ", "о", "море", "اكتب", "قصيدة", "コンピューター",
            "を", "説明", "다음", "문장을", "Write", "poem", "ﬁle", "file", "e\u0301t\u00E9"];

    [Theory]
    [InlineData(1, 300, 20)]
    [InlineData(2, 5000, 25)] // several chunks, scanned in parallel
    [InlineData(3, 200, 90)] // candidates over 64 tokens take the multi-word path
    public void Equals_brute_force_rouge_score_for_max_top_ten_and_mean(int seed, int poolSize, int maxWords)
    {
        var random = new Random(seed);
        var members = Enumerable.Range(0, poolSize).Select(_ => Sentence(random, maxWords)).ToList();
        var pool = new SimilarityPool();
        pool.AddRange(members);

        for (var trial = 0; trial < 5; trial++)
        {
            var candidate = trial == 0 ? members[7] : Sentence(random, maxWords);
            var brute = members.Select((member, index) =>
                (Index: index, Score: RougeL.Score(candidate, member, stem: false).FMeasure)).ToList();

            var result = pool.Score(candidate);

            var expectedTop = brute.OrderByDescending(pair => pair.Score).ThenBy(pair => pair.Index).Take(10).ToList();
            Assert.Equal(brute.Max(pair => pair.Score), result.MaxScore);
            Assert.Equal(expectedTop.Select(pair => pair.Index), result.MostSimilar.Select(match => match.Index));
            Assert.Equal(expectedTop.Select(pair => pair.Score), result.MostSimilar.Select(match => match.Score));
            Assert.Equal(members[expectedTop[0].Index], result.MostSimilar[0].Instruction);
            Assert.Equal(brute.Average(pair => pair.Score), result.MeanScore, 1e-12);
        }
    }

    [Fact]
    public void Gives_the_same_bits_on_one_core_as_on_all()
    {
        var random = new Random(5);
        var members = Enumerable.Range(0, 9000).Select(_ => Sentence(random, 20)).ToList();
        var oneCore = new SimilarityPool(maxDegreeOfParallelism: 1);
        var allCores = new SimilarityPool();
        oneCore.AddRange(members);
        allCores.AddRange(members);
        var candidate = Sentence(random, 20);

        var sequential = oneCore.Score(candidate);
        var parallel = allCores.Score(candidate);

        Assert.Equal(
            BitConverter.DoubleToInt64Bits(sequential.MeanScore), BitConverter.DoubleToInt64Bits(parallel.MeanScore));
        Assert.Equal(sequential.MostSimilar, parallel.MostSimilar);
    }

    [Fact]
    public void Scores_an_empty_pool_as_zero_with_no_matches()
    {
        var pool = new SimilarityPool();

        var result = pool.Score("Write a poem about the sea.");

        Assert.Equal(new SimilarityResult(0.0, [], 0.0), result with { MostSimilar = [] });
        Assert.Empty(result.MostSimilar);
    }

    [Fact]
    public void Scores_a_candidate_without_tokens_as_zero_against_every_member()
    {
        var pool = new SimilarityPool();
        pool.AddRange(["Write a poem.", "List three reasons."]);

        var result = pool.Score("¿¡ — !?");

        Assert.Equal(0.0, result.MaxScore);
        Assert.Equal(0.0, result.MeanScore);
        Assert.Equal([0, 1], result.MostSimilar.Select(match => match.Index));
    }

    [Fact]
    public void Leaves_no_trace_of_one_candidate_in_the_next_score()
    {
        var pool = new SimilarityPool();
        pool.AddRange(["alpha beta gamma", "delta epsilon zeta"]);

        pool.Score("alpha beta gamma");
        var result = pool.Score("delta epsilon zeta");

        Assert.Equal(1.0, result.MostSimilar[0].Score);
        Assert.Equal(1, result.MostSimilar[0].Index);
        Assert.Equal(0.0, result.MostSimilar[1].Score);
    }

    [Theory]
    [InlineData(7, 300, 8)]
    [InlineData(8, 300, 20)] // many candidates over 64 tokens take the multi-word path
    public void Equals_brute_force_unicode_rouge_in_unicode_mode(int seed, int poolSize, int maxWords)
    {
        var random = new Random(seed);
        var members = Enumerable.Range(0, poolSize).Select(_ => Sentence(random, maxWords, _unicodeWords)).ToList();
        var pool = new SimilarityPool(mode: TextMode.Unicode);
        pool.AddRange(members);

        for (var trial = 0; trial < 5; trial++)
        {
            var candidate = trial == 0 ? members[3] : Sentence(random, maxWords, _unicodeWords);
            var brute = members.Select((member, index) => (Index: index,
                Score: RougeL.Score(candidate, member, stem: false, TextMode.Unicode).FMeasure)).ToList();

            var result = pool.Score(candidate);

            var expectedTop = brute.OrderByDescending(pair => pair.Score).ThenBy(pair => pair.Index).Take(10).ToList();
            Assert.Equal(brute.Max(pair => pair.Score), result.MaxScore);
            Assert.Equal(expectedTop.Select(pair => pair.Index), result.MostSimilar.Select(match => match.Index));
            Assert.Equal(expectedTop.Select(pair => pair.Score), result.MostSimilar.Select(match => match.Score));
            Assert.Equal(brute.Average(pair => pair.Score), result.MeanScore, 1e-12);
        }
    }

    [Fact]
    public void Finds_a_chinese_near_duplicate_only_in_unicode_mode()
    {
        var english = new SimilarityPool();
        var unicode = new SimilarityPool(mode: TextMode.Unicode);
        english.Add("写一首关于大海的诗。");
        unicode.Add("写一首关于大海的诗。");

        Assert.Equal(0.0, english.Score("请写一首关于大海的诗").MaxScore);
        Assert.Equal(18.0 / 19.0, unicode.Score("请写一首关于大海的诗").MaxScore, 1e-12);
        Assert.Equal(TextMode.Unicode, unicode.Mode);
    }

    private static string Sentence(Random random, int maxWords) => Sentence(random, maxWords, _words);

    private static string Sentence(Random random, int maxWords, string[] words) =>
        string.Join(' ', Enumerable.Range(0, random.Next(1, maxWords + 1))
            .Select(_ => words[random.Next(words.Length)]));
}
