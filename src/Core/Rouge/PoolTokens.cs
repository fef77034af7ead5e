namespace SelfInstruct.Core.Rouge;

/// <summary>
/// The similarity pool's members as integer token ids: one flat array with each member's start and length, and every
/// complete group of <see cref="GroupSize"/> consecutive members interleaved (token i of member k at 4i + k) for the
/// vector LCS pass. Ids start at 1. Not safe for concurrent use; <see cref="SimilarityPool"/> serialises calls.
/// </summary>
internal sealed class PoolTokens
{
    /// <summary>Members per interleaved group: one per vector lane.</summary>
    public const int GroupSize = 4;

    // Token id 0 is never a real token: its mask stays zero, so it pads groups without changing an LCS.
    private const int PaddingToken = 0;

    private readonly Dictionary<string, int> _vocabulary = new(StringComparer.Ordinal);
    private int[] _starts = new int[256];
    private int[] _lengths = new int[256];
    private int[] _tokens = new int[4096];
    private int _tokenCount;

    private int[] _groupTokens = new int[4096];
    private int[] _groupStarts = new int[64];
    private int _groupTokenCount;

    /// <summary>How many members there are.</summary>
    public int Count { get; private set; }

    /// <summary>The most tokens any member has.</summary>
    public int LongestMember { get; private set; }

    /// <summary>One more than the largest id given out: the size of a table indexed by token id.</summary>
    public int IdBound => _vocabulary.Count + 1;

    /// <summary>Adds a member's tokens, giving new tokens new ids.</summary>
    public void Add(IReadOnlyList<string> tokens)
    {
        var member = Count;
        if (member == _starts.Length)
        {
            Array.Resize(ref _starts, member * 2);
            Array.Resize(ref _lengths, member * 2);
        }
        if (_tokenCount + tokens.Count > _tokens.Length)
        {
            Array.Resize(ref _tokens, Math.Max(_tokenCount + tokens.Count, _tokens.Length * 2));
        }
        _starts[member] = _tokenCount;
        _lengths[member] = tokens.Count;
        foreach (var token in tokens)
        {
            _tokens[_tokenCount++] = Intern(token);
        }
        LongestMember = Math.Max(LongestMember, tokens.Count);
        Count++;
        if (Count % GroupSize == 0)
        {
            AddGroup(Count - GroupSize);
        }
    }

    /// <summary>The id of a token some member has, or -1 for a token none has.</summary>
    public int IdOf(string token) => _vocabulary.GetValueOrDefault(token, -1);

    /// <summary>A member's token ids.</summary>
    public ReadOnlySpan<int> Member(int member) => _tokens.AsSpan(_starts[member], _lengths[member]);

    /// <summary>How many tokens a member has.</summary>
    public int Length(int member) => _lengths[member];

    /// <summary>The interleaved, padded ids of complete group <paramref name="group"/>.</summary>
    public ReadOnlySpan<int> Group(int group) => _groupTokens.AsSpan(_groupStarts[group].._groupStarts[group + 1]);

    private void AddGroup(int firstMember)
    {
        var group = firstMember / GroupSize;
        var longest = 0;
        for (var lane = 0; lane < GroupSize; lane++)
        {
            longest = Math.Max(longest, _lengths[firstMember + lane]);
        }
        if (_groupTokenCount + (longest * GroupSize) > _groupTokens.Length)
        {
            Array.Resize(ref _groupTokens, Math.Max(_groupTokenCount + (longest * GroupSize), _groupTokens.Length * 2));
        }
        if (group + 2 > _groupStarts.Length)
        {
            Array.Resize(ref _groupStarts, _groupStarts.Length * 2);
        }
        for (var position = 0; position < longest; position++)
        {
            for (var lane = 0; lane < GroupSize; lane++)
            {
                var member = firstMember + lane;
                _groupTokens[_groupTokenCount++] = position < _lengths[member]
                    ? _tokens[_starts[member] + position]
                    : PaddingToken;
            }
        }
        _groupStarts[group + 1] = _groupTokenCount;
    }

    private int Intern(string token)
    {
        if (!_vocabulary.TryGetValue(token, out var id))
        {
            id = _vocabulary.Count + 1;
            _vocabulary.Add(token, id);
        }
        return id;
    }
}
