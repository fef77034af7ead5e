using SelfInstruct.Evaluate.Metrics;
using Xunit;

namespace SelfInstruct.Tests.Evaluate.Metrics;

public sealed class PairedBootstrapTests
{
    [Fact]
    public void Finds_no_difference_between_identical_models()
    {
        var scores = Enumerable.Range(0, 50).Select(index => (double)(index * 7 % 100)).ToList();

        var difference = PairedBootstrap.Compare(scores, scores, 1000, seed: 1);

        Assert.Equal(new PairedDifference(0, 0, 0, 1, 1000, 50), difference);
    }

    [Fact]
    public void Gives_an_interval_that_excludes_zero_for_a_clearly_better_model()
    {
        var random = new Random(3);
        var baseline = Enumerable.Range(0, 100).Select(_ => random.NextDouble() * 50).ToList();
        var candidate = baseline.Select(score => score + 10 + random.NextDouble() * 10).ToList();

        var difference = PairedBootstrap.Compare(baseline, candidate, 1000, seed: 1);

        Assert.True(difference.ExcludesZero);
        Assert.InRange(difference.Mean, 14, 16);
        Assert.InRange(difference.Lower, 10, difference.Mean);
        Assert.InRange(difference.Upper, difference.Mean, 20);
        Assert.Equal(2.0 / 1001, difference.PValue, 12);
    }

    [Fact]
    public void Reproduces_the_same_interval_with_the_same_seed()
    {
        double[] baseline = [0, 10, 20, 30, 40, 50];
        double[] candidate = [5, 5, 25, 25, 45, 40];

        var first = PairedBootstrap.Compare(baseline, candidate, 500, seed: 9);
        var again = PairedBootstrap.Compare(baseline, candidate, 500, seed: 9);

        Assert.Equal(first, again);
        Assert.False(first.ExcludesZero);
        Assert.InRange(first.PValue, 0.2, 1);
    }
}
