namespace SelfInstruct.Core.Sampling;

/// <summary>
/// A uniform random subset of a list, kept in the list's order: Python's <c>random.sample(items, count)</c> as the
/// released Self-Instruct code uses it to cap a task's instances, without its shuffled order.
/// </summary>
public static class OrderedSample
{
    /// <summary>
    /// <paramref name="count"/> items drawn uniformly without replacement, in their original order; the whole list,
    /// with nothing drawn from <paramref name="random"/>, when it is not longer than that.
    /// </summary>
    public static IReadOnlyList<T> Of<T>(IReadOnlyList<T> items, int count, Random random)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (items.Count <= count)
        {
            return items;
        }
        var indices = Enumerable.Range(0, items.Count).ToArray();
        // A partial Fisher–Yates shuffle: the first count slots end up a uniform sample.
        for (var slot = 0; slot < count; slot++)
        {
            var pick = random.Next(slot, indices.Length);
            (indices[slot], indices[pick]) = (indices[pick], indices[slot]);
        }
        return indices.Take(count).Order().Select(index => items[index]).ToList();
    }
}
