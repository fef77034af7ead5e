namespace SelfInstruct.Core.Rouge;

/// <summary>
/// The best <c>capacity</c> (score, index) pairs offered so far, by score descending and, among equal scores, by
/// the order they were offered. Offers must come in increasing index order.
/// </summary>
internal sealed class TopMatches(int capacity)
{
    private readonly double[] _scores = new double[capacity];
    private readonly int[] _indices = new int[capacity];

    public int Count { get; private set; }

    /// <summary>The score an offer must beat to enter: below every score while there is room.</summary>
    public double Floor => Count < capacity
        ? double.NegativeInfinity
        : capacity == 0 ? double.PositiveInfinity : _scores[Count - 1];

    public void Offer(double score, int index)
    {
        if (score > Floor)
        {
            Insert(score, index);
        }
    }

    public IEnumerable<(double Score, int Index)> Entries()
    {
        for (var position = 0; position < Count; position++)
        {
            yield return (_scores[position], _indices[position]);
        }
    }

    private void Insert(double score, int index)
    {
        var position = Count == capacity ? Count - 1 : Count++;
        while (position > 0 && _scores[position - 1] < score)
        {
            _scores[position] = _scores[position - 1];
            _indices[position] = _indices[position - 1];
            position--;
        }
        _scores[position] = score;
        _indices[position] = index;
    }
}
