namespace SelfInstruct.Core.Rouge;

/// <summary>
/// The pool of instructions that Self-Instruct's novelty filter compares every candidate against, with ROUGE-L F
/// (rouge_score's tokenizer, no stemming). Each instruction is tokenized once into integer ids; a candidate becomes
/// bit masks once, and each member then costs one bit-parallel LCS pass over its tokens, with no allocation per
/// member, across all cores. Results equal brute-force rouge_score bit for bit; the mean is summed in fixed chunks
/// of the pool, so it does not depend on the core count. Safe for concurrent use: calls are serialised.
/// </summary>
public sealed class SimilarityPool
{
    /// <summary>How many most similar members a result lists by default, as the original code keeps.</summary>
    public const int DefaultMostSimilarCount = 10;

    private const int MembersPerChunk = 2048;
    private const double PruningMargin = 1e-9;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _vocabulary = new(StringComparer.Ordinal);
    private readonly List<string> _instructions = [];
    private readonly List<int> _starts = [];
    private readonly List<int> _lengths = [];
    private int[] _tokens = new int[4096];
    private int _tokenCount;

    // Scratch indexed by token id, all zero between calls except while a candidate is prepared.
    private ulong[] _maskByToken = new ulong[1024];
    private int[] _slotByToken = new int[1024];

    /// <summary>How many instructions the pool holds.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _instructions.Count;
            }
        }
    }

    /// <summary>Adds an instruction to the pool.</summary>
    public void Add(string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var tokens = RougeTokenizer.Tokenize(instruction, stem: false);
        lock (_lock)
        {
            EnsureTokenCapacity(_tokenCount + tokens.Count);
            _starts.Add(_tokenCount);
            _lengths.Add(tokens.Count);
            foreach (var token in tokens)
            {
                _tokens[_tokenCount++] = IdOf(token);
            }
            _instructions.Add(instruction);
            EnsureScratchCapacity(_vocabulary.Count);
        }
    }

    /// <summary>Adds every instruction, in order.</summary>
    public void AddRange(IEnumerable<string> instructions)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        foreach (var instruction in instructions)
        {
            Add(instruction);
        }
    }

    /// <summary>The candidate's max and mean ROUGE-L F against the pool and its most similar members.</summary>
    public SimilarityResult Score(string candidate, int mostSimilarCount = DefaultMostSimilarCount)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentOutOfRangeException.ThrowIfNegative(mostSimilarCount);
        lock (_lock)
        {
            using var pattern = Prepare(candidate);
            var chunkCount = (_instructions.Count + MembersPerChunk - 1) / MembersPerChunk;
            var sums = new double[chunkCount];
            var maxes = new double[chunkCount];
            var tops = new TopMatches[chunkCount];
            ForEachChunk(chunkCount, chunk =>
            {
                var top = new TopMatches(mostSimilarCount);
                var state = new ulong[pattern.Words];
                var sum = 0.0;
                var max = 0.0;
                var (first, end) = ChunkRange(chunk);
                for (var member = first; member < end; member++)
                {
                    var score = FMeasure(pattern, member, state);
                    sum += score;
                    max = Math.Max(max, score);
                    top.Offer(score, member);
                }
                sums[chunk] = sum;
                maxes[chunk] = max;
                tops[chunk] = top;
            });
            return Summarize(sums, maxes, tops, mostSimilarCount);
        }
    }

    /// <summary>
    /// Whether any member scores above <paramref name="threshold"/>: the accept/reject decision alone. It skips
    /// members whose token counts alone bound the score at or below the threshold, and stops at the first hit.
    /// </summary>
    public bool AnyAbove(string candidate, double threshold)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        lock (_lock)
        {
            using var pattern = Prepare(candidate);
            if (pattern.Length == 0)
            {
                return false;
            }
            var chunkCount = (_instructions.Count + MembersPerChunk - 1) / MembersPerChunk;
            var found = 0;
            ForEachChunk(chunkCount, chunk =>
            {
                var state = new ulong[pattern.Words];
                var (first, end) = ChunkRange(chunk);
                for (var member = first; member < end && Volatile.Read(ref found) == 0; member++)
                {
                    var length = _lengths[member];
                    var bound = 2.0 * Math.Min(length, pattern.Length) / (length + pattern.Length);
                    if (bound > threshold - PruningMargin && FMeasure(pattern, member, state) > threshold)
                    {
                        Volatile.Write(ref found, 1);
                    }
                }
            });
            return found != 0;
        }
    }

    /// <summary>The instruction at a pool position.</summary>
    public string this[int index]
    {
        get
        {
            lock (_lock)
            {
                return _instructions[index];
            }
        }
    }

    private static void ForEachChunk(int chunkCount, Action<int> scan)
    {
        if (chunkCount == 1)
        {
            scan(0);
        }
        else if (chunkCount > 1)
        {
            Parallel.For(0, chunkCount, scan);
        }
    }

    private (int First, int End) ChunkRange(int chunk)
    {
        var first = chunk * MembersPerChunk;
        return (first, Math.Min(first + MembersPerChunk, _instructions.Count));
    }

    private double FMeasure(Pattern pattern, int member, Span<ulong> state)
    {
        var text = _tokens.AsSpan(_starts[member], _lengths[member]);
        if (text.IsEmpty || pattern.Length == 0)
        {
            return 0.0;
        }
        var lcs = pattern.Words == 1
            ? BitParallelLcs.LengthSingleWord(_maskByToken, text, pattern.Length)
            : BitParallelLcs.LengthMultiWord(pattern.SlotMasks, _slotByToken, pattern.Words, pattern.Length, text, state);
        // Self-Instruct scores score(target=candidate, prediction=member); F is symmetric in any case.
        return RougeLScore.FromCounts(lcs, text.Length, pattern.Length).FMeasure;
    }

    private SimilarityResult Summarize(double[] sums, double[] maxes, TopMatches[] tops, int mostSimilarCount)
    {
        if (_instructions.Count == 0)
        {
            return new SimilarityResult(0.0, [], 0.0);
        }
        var total = 0.0;
        foreach (var sum in sums)
        {
            total += sum;
        }
        var mostSimilar = tops
            .SelectMany(top => top.Entries())
            .OrderByDescending(entry => entry.Score)
            .ThenBy(entry => entry.Index)
            .Take(mostSimilarCount)
            .Select(entry => new SimilarityMatch(entry.Index, _instructions[entry.Index], entry.Score))
            .ToList();
        return new SimilarityResult(maxes.Max(), mostSimilar, total / _instructions.Count);
    }

    private Pattern Prepare(string candidate)
    {
        var ids = RougeTokenizer.Tokenize(candidate, stem: false)
            .Select(token => _vocabulary.GetValueOrDefault(token, -1))
            .ToArray();
        var words = Math.Max(1, BitParallelLcs.WordCount(ids.Length));
        if (words == 1)
        {
            for (var position = 0; position < ids.Length; position++)
            {
                if (ids[position] >= 0)
                {
                    _maskByToken[ids[position]] |= 1UL << position;
                }
            }
            return new Pattern(this, ids, words, []);
        }
        var slotMasks = new List<ulong>(new ulong[words]);
        for (var position = 0; position < ids.Length; position++)
        {
            var id = ids[position];
            if (id < 0)
            {
                continue;
            }
            if (_slotByToken[id] == 0)
            {
                _slotByToken[id] = slotMasks.Count / words;
                slotMasks.AddRange(new ulong[words]);
            }
            slotMasks[(_slotByToken[id] * words) + (position >> 6)] |= 1UL << position;
        }
        return new Pattern(this, ids, words, slotMasks.ToArray());
    }

    private int IdOf(string token)
    {
        if (!_vocabulary.TryGetValue(token, out var id))
        {
            id = _vocabulary.Count;
            _vocabulary.Add(token, id);
        }
        return id;
    }

    private void EnsureTokenCapacity(int needed)
    {
        if (needed > _tokens.Length)
        {
            Array.Resize(ref _tokens, Math.Max(needed, _tokens.Length * 2));
        }
    }

    private void EnsureScratchCapacity(int vocabularySize)
    {
        if (vocabularySize > _maskByToken.Length)
        {
            var capacity = Math.Max(vocabularySize, _maskByToken.Length * 2);
            Array.Resize(ref _maskByToken, capacity);
            Array.Resize(ref _slotByToken, capacity);
        }
    }

    /// <summary>A candidate turned into match masks; disposing it clears the pool's scratch for the next one.</summary>
    private readonly record struct Pattern(SimilarityPool Pool, int[] Ids, int Words, ulong[] SlotMasks) : IDisposable
    {
        public int Length => Ids.Length;

        public void Dispose()
        {
            foreach (var id in Ids)
            {
                if (id >= 0)
                {
                    Pool._maskByToken[id] = 0;
                    Pool._slotByToken[id] = 0;
                }
            }
        }
    }
}
