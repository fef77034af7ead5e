namespace SelfInstruct.Finetune.Data;

/// <summary>
/// The order of an epoch's micro-batches: examples are shuffled, cut into groups of fifty batches, sorted by length
/// inside each group and split into batches whose order is shuffled again, so a batch holds examples of similar
/// length (little padding) while the order stays random. A pure function of the lengths and the random source.
/// </summary>
public static class LengthGroupedBatches
{
    private const int BatchesPerGroup = 50;

    /// <summary>Indices into the examples, one array per micro-batch; the last batch may be smaller.</summary>
    public static IReadOnlyList<int[]> Plan(IReadOnlyList<int> lengths, int batchSize, Random random)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var order = Enumerable.Range(0, lengths.Count).ToArray();
        random.Shuffle(order);
        var batches = order.Chunk(batchSize * BatchesPerGroup)
            .SelectMany(group => group.OrderByDescending(index => lengths[index]).Chunk(batchSize))
            .ToArray();
        random.Shuffle(batches);
        return batches;
    }

    /// <summary>Share of the batch tensors' positions that are padding, from 0 (none) to 1.</summary>
    public static double PaddingFraction(IReadOnlyList<int[]> batches, IReadOnlyList<int> lengths)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(lengths);
        long positions = 0;
        long tokens = 0;
        foreach (var batch in batches)
        {
            positions += (long)batch.Length * batch.Max(index => lengths[index]);
            tokens += batch.Sum(index => (long)lengths[index]);
        }
        return positions == 0 ? 0 : 1 - (double)tokens / positions;
    }
}
