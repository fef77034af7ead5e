namespace SelfInstruct.Model.Generation;

/// <summary>
/// The tokens of every row of one generation call and why each row ended: an end-of-sequence id (not kept), or
/// the stop check after a kept token. Rows that ended ignore later tokens.
/// </summary>
internal sealed class GenerationRows(
    int batch,
    IReadOnlyCollection<int> endOfSequenceIds,
    Func<int, IReadOnlyList<int>, bool>? isStopped,
    Action<int, int>? onToken)
{
    private readonly List<int>[] _tokens = Enumerable.Range(0, batch).Select(_ => new List<int>()).ToArray();
    private readonly FinishReason?[] _reasons = new FinishReason?[batch];

    public bool AnyOpen => _reasons.Any(reason => reason is null);

    /// <summary>Takes one new token per row.</summary>
    public void Record(long[] tokens)
    {
        for (var row = 0; row < batch; row++)
        {
            var token = (int)tokens[row];
            if (_reasons[row] is not null)
            {
                continue;
            }
            if (endOfSequenceIds.Contains(token))
            {
                _reasons[row] = FinishReason.Stop;
                continue;
            }
            _tokens[row].Add(token);
            onToken?.Invoke(row, token);
            if (isStopped?.Invoke(row, _tokens[row]) is true)
            {
                _reasons[row] = FinishReason.Stop;
            }
        }
    }

    /// <summary>Every row's tokens; rows still open ended by length.</summary>
    public IReadOnlyList<GeneratedTokens> Results() =>
        _tokens.Select((tokens, row) => new GeneratedTokens(tokens, _reasons[row] ?? FinishReason.Length)).ToList();
}
