namespace SelfInstruct.Evaluate.Decontamination;

/// <summary>
/// Every n-gram of the evaluation instances' inputs and references, per set, as token ids hashed to 64 bits; a hash
/// that matches is confirmed token by token, so a collision never flags a task. Read-only once built, so safe for
/// concurrent lookups.
/// </summary>
internal sealed class InstanceNGrams
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    private readonly TextMode _mode;
    private readonly Dictionary<string, int> _vocabulary = new(StringComparer.Ordinal);
    private readonly List<int[]> _texts = [];
    private readonly List<(int Task, int Instance)> _owners = [];

    // Per set: n-gram hash → (text index << 32) | offset of its first occurrence.
    private readonly Dictionary<ulong, long>[] _first;

    public InstanceNGrams(IReadOnlyList<EvaluationSet> sets, int length, TextMode mode)
    {
        Length = length;
        _mode = mode;
        _first = new Dictionary<ulong, long>[sets.Count];
        for (var set = 0; set < sets.Count; set++)
        {
            _first[set] = [];
            var tasks = sets[set].Tasks;
            for (var task = 0; task < tasks.Count; task++)
            {
                for (var instance = 0; instance < tasks[task].Instances.Count; instance++)
                {
                    var item = tasks[task].Instances[instance];
                    foreach (var text in item.References.Prepend(item.Input))
                    {
                        AddText(set, task, instance, text);
                    }
                }
            }
        }
    }

    /// <summary>Tokens in an n-gram.</summary>
    public int Length { get; }

    /// <summary>A text's tokens and their ids, -1 for a token no evaluation instance has.</summary>
    public (List<string> Tokens, int[] Ids) Tokenize(string text)
    {
        var tokens = RougeL.Tokenize(text, stem: false, _mode);
        return (tokens, tokens.Select(token => _vocabulary.GetValueOrDefault(token, -1)).ToArray());
    }

    /// <summary>The first n-gram of <paramref name="ids"/> that an instance of set <paramref name="set"/> has.
    /// </summary>
    /// <returns>Where it starts in <paramref name="ids"/>, and the instance's task and position; null for none.
    /// </returns>
    public (int Offset, int Task, int Instance)? FirstShared(int set, int[] ids)
    {
        var known = 0;
        for (var end = 0; end < ids.Length; end++)
        {
            known = ids[end] < 0 ? 0 : known + 1;
            if (known < Length)
            {
                continue;
            }
            var start = end - Length + 1;
            if (_first[set].TryGetValue(Hash(ids.AsSpan(start, Length)), out var entry) &&
                Matches(entry, ids.AsSpan(start, Length)))
            {
                var owner = _owners[(int)(entry >> 32)];
                return (start, owner.Task, owner.Instance);
            }
        }
        return null;
    }

    private void AddText(int set, int task, int instance, string text)
    {
        var tokens = RougeL.Tokenize(text, stem: false, _mode);
        if (tokens.Count < Length)
        {
            return;
        }
        var ids = tokens.Select(Intern).ToArray();
        var index = _texts.Count;
        _texts.Add(ids);
        _owners.Add((task, instance));
        for (var start = 0; start + Length <= ids.Length; start++)
        {
            _first[set].TryAdd(Hash(ids.AsSpan(start, Length)), ((long)index << 32) | (uint)start);
        }
    }

    private int Intern(string token)
    {
        if (!_vocabulary.TryGetValue(token, out var id))
        {
            id = _vocabulary.Count;
            _vocabulary.Add(token, id);
        }
        return id;
    }

    private bool Matches(long entry, ReadOnlySpan<int> window) =>
        _texts[(int)(entry >> 32)].AsSpan((int)(uint)entry, Length).SequenceEqual(window);

    // FNV-1a over the ids.
    private static ulong Hash(ReadOnlySpan<int> ids)
    {
        var hash = OffsetBasis;
        foreach (var id in ids)
        {
            hash = unchecked((hash ^ (uint)id) * Prime);
        }
        return hash;
    }
}
