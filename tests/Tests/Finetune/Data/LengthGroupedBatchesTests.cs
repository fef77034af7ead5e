using SelfInstruct.Finetune.Data;
using Xunit;

namespace SelfInstruct.Tests.Finetune.Data;

public sealed class LengthGroupedBatchesTests
{
    [Fact]
    public void Uses_every_example_once_in_batches_of_similar_length()
    {
        var lengths = Enumerable.Range(0, 100).Select(index => index % 2 == 0 ? 10 : 200).ToArray();

        var batches = LengthGroupedBatches.Plan(lengths, batchSize: 10, new Random(3));

        Assert.Equal(Enumerable.Range(0, 100), batches.SelectMany(batch => batch).Order());
        Assert.All(batches, batch => Assert.Single(batch.Select(index => lengths[index]).Distinct()));
        Assert.Equal(0, LengthGroupedBatches.PaddingFraction(batches, lengths));
    }

    [Fact]
    public void Counts_padding_as_a_share_of_the_batch_positions()
    {
        int[] lengths = [4, 2, 3, 3];

        var fraction = LengthGroupedBatches.PaddingFraction([[0, 1], [2, 3]], lengths);

        // positions 2 × 4 + 2 × 3 = 14, tokens 12
        Assert.Equal(2.0 / 14, fraction, 12);
    }

    [Fact]
    public void Repeats_the_order_for_the_same_seed()
    {
        var lengths = Enumerable.Range(0, 37).ToArray();

        var first = LengthGroupedBatches.Plan(lengths, 4, new Random(9));
        var again = LengthGroupedBatches.Plan(lengths, 4, new Random(9));

        Assert.Equal(first, again);
    }
}
