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

    public void Offer(double score, int index)
    {
        if (capacity == 0 || (Count == capacity && score <= _scores[Count - 1]))
        {
            return;
        }
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

    public IEnumerable<(double Score, int Index)> Entries()
    {
        for (var position = 0; position < Count; position++)
        {
            yield return (_scores[position], _indices[position]);
        }
    }
}
