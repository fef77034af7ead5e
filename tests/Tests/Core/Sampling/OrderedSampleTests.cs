using Xunit;

namespace SelfInstruct.Tests.Core.Sampling;

public sealed class OrderedSampleTests
{
    [Fact]
    public void A_short_list_comes_back_whole_without_drawing()
    {
        var random = new Random(5);
        int[] items = [4, 2, 9];

        var sample = OrderedSample.Of(items, 3, random);

        Assert.Equal(items, sample);
        Assert.Equal(new Random(5).Next(), random.Next());
    }

    [Fact]
    public void Draws_every_item_about_equally_often_and_keeps_the_order()
    {
        var items = Enumerable.Range(0, 10).ToArray();
        var random = new Random(17);
        var counts = new int[items.Length];

        for (var draw = 0; draw < 5_000; draw++)
        {
            var sample = OrderedSample.Of(items, 3, random);
            Assert.Equal(3, sample.Distinct().Count());
            Assert.Equal(sample.Order(), sample);
            foreach (var item in sample)
            {
                counts[item]++;
            }
        }

        // Each item is expected 1,500 times (5,000 × 3 / 10); the standard deviation is about 32.
        Assert.All(counts, count => Assert.InRange(count, 1_350, 1_650));
    }
}
