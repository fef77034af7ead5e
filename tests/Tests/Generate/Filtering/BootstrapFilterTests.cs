using SelfInstruct.Generate.Filtering;
using Xunit;

namespace SelfInstruct.Tests.Generate.Filtering;

public sealed class BootstrapFilterTests
{
    [Fact]
    public void Accepts_a_novel_instruction_and_adds_it_to_the_pool()
    {
        var pool = new SimilarityPool();
        pool.Add("Give three tips for sleeping well.");
        var filter = new BootstrapFilter(pool, new InstructionFilter());

        var decision = filter.Consider("Translate the sentence into German.");

        Assert.True(decision.Accepted);
        Assert.Equal(2, pool.Count);
        Assert.Equal(0.0, decision.Similarity!.MaxScore);
    }

    [Fact]
    public void Rejects_a_near_duplicate_of_an_instruction_accepted_earlier_in_the_same_run()
    {
        var filter = new BootstrapFilter(new SimilarityPool(), new InstructionFilter());

        var first = filter.Consider("Give three tips for sleeping well at night.");
        var second = filter.Consider("Give three tips for sleeping well at night time.");

        Assert.True(first.Accepted);
        Assert.Equal(BootstrapFilter.TooSimilar, second.Rejection);
        Assert.True(second.Similarity!.MaxScore > 0.7);
    }

    [Fact]
    public void Accepts_a_candidate_exactly_at_the_threshold()
    {
        var pool = new SimilarityPool();
        pool.Add("a b c d e f g h i j");
        var filter = new BootstrapFilter(pool, new InstructionFilter(), threshold: 0.7);

        // 7 of 10 tokens shared in order: P = R = F = 0.7, which the rule (reject when F > 0.7) keeps.
        var decision = filter.Consider("a b c d e f g x y z");

        Assert.Equal(0.7, decision.Similarity!.MaxScore);
        Assert.True(decision.Accepted);
    }

    [Fact]
    public void Leaves_the_pool_alone_when_a_heuristic_rejects()
    {
        var pool = new SimilarityPool();
        var filter = new BootstrapFilter(pool, new InstructionFilter());

        var decision = filter.Consider("Draw a cat for me please.");

        Assert.Equal(InstructionFilter.BlacklistedKeyword, decision.Rejection);
        Assert.Null(decision.Similarity);
        Assert.Equal(0, pool.Count);
    }
}
