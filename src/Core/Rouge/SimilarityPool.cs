namespace SelfInstruct.Core.Rouge;

/// <summary>
/// The pool of instructions that Self-Instruct's novelty filter compares every candidate against, with ROUGE-L F
/// (rouge_score's tokenizer, no stemming; <see cref="UnicodeRougeTokenizer"/> in <see cref="TextMode.Unicode"/>).
/// Each instruction is tokenized once into integer ids; a candidate becomes bit masks once, and each member then
/// costs one bit-parallel LCS pass over its tokens, four members per vector, with no allocation per member, across
/// all cores. Results equal brute-force rouge_score bit for bit; the mean is summed in fixed chunks of the pool, so
/// it does not depend on the core count. Safe for concurrent use: calls are serialised.
/// </summary>
public sealed class SimilarityPool
{
    /// <summary>How many most similar members a result lists by default, as the original code keeps.</summary>
    public const int DefaultMostSimilarCount = 10;

    // A multiple of the group size, so chunks hold whole groups.
    private const int MembersPerChunk = 2048;
    private const int GroupSize = PoolTokens.GroupSize;

    private readonly ParallelOptions _parallelOptions;
    private readonly TextMode _mode;
    private readonly Lock _lock = new();
    private readonly PoolTokens _members = new();
    private readonly List<string> _instructions = [];

    // Scratch indexed by token id, all zero between calls except while a candidate is prepared.
    private ulong[] _maskByToken = new ulong[1024];
    private int[] _slotByToken = new int[1024];

    /// <param name="maxDegreeOfParallelism">How many cores a score may use; -1 for all of them.</param>
    /// <param name="mode">How instructions become tokens; English is rouge_score's tokenizer.</param>
    public SimilarityPool(int maxDegreeOfParallelism = -1, TextMode mode = TextMode.English)
    {
        if (maxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism,
                "expected a positive number of cores, or -1 for all");
        }
        _parallelOptions = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        _mode = mode;
    }

    /// <summary>How instructions become tokens.</summary>
    public TextMode Mode => _mode;

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

    /// <summary>The instruction at a pool position, in order of addition.</summary>
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

    /// <summary>Adds an instruction to the pool.</summary>
    public void Add(string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var tokens = Tokenize(instruction);
        lock (_lock)
        {
            _members.Add(tokens);
            _instructions.Add(instruction);
            EnsureScratchCapacity(_members.IdBound);
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
            var chunks = new ChunkResult[chunkCount];
            ForEachChunk(chunkCount, chunk => chunks[chunk] = ScanChunk(pattern, chunk, mostSimilarCount));
            return Summarize(chunks, mostSimilarCount);
        }
    }

    private List<string> Tokenize(string text) => _mode == TextMode.English
        ? RougeTokenizer.Tokenize(text, stem: false)
        : UnicodeRougeTokenizer.Tokenize(text);

    private void ForEachChunk(int chunkCount, Action<int> scan)
    {
        if (chunkCount == 1 || _parallelOptions.MaxDegreeOfParallelism == 1)
        {
            for (var chunk = 0; chunk < chunkCount; chunk++)
            {
                scan(chunk);
            }
        }
        else if (chunkCount > 1)
        {
            Parallel.For(0, chunkCount, _parallelOptions, scan);
        }
    }

    private ChunkResult ScanChunk(Pattern pattern, int chunk, int mostSimilarCount)
    {
        var top = new TopMatches(mostSimilarCount);
        var floor = top.Floor;
        var sum = 0.0;
        var max = 0.0;
        var (member, end) = ChunkRange(chunk);
        if (pattern.Words == 1 && pattern.Length > 0)
        {
            // The common case, a candidate of at most 64 tokens: whole groups of four, one vector lane each.
            for (; member + GroupSize <= end; member += GroupSize)
            {
                var group = member / GroupSize;
                var interleaved = _members.Group(group);
                var states = BitParallelLcs.StatesOfFourUnchecked(_maskByToken, interleaved);
                for (var lane = 0; lane < GroupSize; lane++)
                {
                    var lcs = BitParallelLcs.LengthFromState(states[lane], pattern.Length);
                    var score = pattern.Score(lcs, _members.Length(member + lane));
                    sum += score;
                    max = Math.Max(max, score);
                    if (score > floor)
                    {
                        top.Offer(score, member + lane);
                        floor = top.Floor;
                    }
                }
            }
        }
        var state = new ulong[pattern.Words];
        for (; member < end; member++)
        {
            var score = Score(pattern, member, state);
            sum += score;
            max = Math.Max(max, score);
            top.Offer(score, member);
        }
        return new ChunkResult(sum, max, top);
    }

    private (int First, int End) ChunkRange(int chunk)
    {
        var first = chunk * MembersPerChunk;
        return (first, Math.Min(first + MembersPerChunk, _instructions.Count));
    }

    private double Score(Pattern pattern, int member, Span<ulong> state)
    {
        var text = _members.Member(member);
        if (text.IsEmpty || pattern.Length == 0)
        {
            return 0.0;
        }
        var lcs = pattern.Words == 1
            ? BitParallelLcs.LengthSingleWord(_maskByToken, text, pattern.Length)
            : BitParallelLcs.LengthMultiWord(
                pattern.SlotMasks, _slotByToken, pattern.Words, pattern.Length, text, state);
        return pattern.Score(lcs, text.Length);
    }

    private SimilarityResult Summarize(ChunkResult[] chunks, int mostSimilarCount)
    {
        if (chunks.Length == 0)
        {
            return new SimilarityResult(0.0, [], 0.0);
        }
        var total = 0.0;
        foreach (var chunk in chunks)
        {
            total += chunk.Sum;
        }
        var mostSimilar = chunks
            .SelectMany(chunk => chunk.Top.Entries())
            .OrderByDescending(entry => entry.Score)
            .ThenBy(entry => entry.Index)
            .Take(mostSimilarCount)
            .Select(entry => new SimilarityMatch(entry.Index, _instructions[entry.Index], entry.Score))
            .ToList();
        return new SimilarityResult(chunks.Max(chunk => chunk.Max), mostSimilar, total / _instructions.Count);
    }

    private Pattern Prepare(string candidate)
    {
        var ids = Tokenize(candidate)
            .Select(_members.IdOf)
            .ToArray();
        var words = Math.Max(1, BitParallelLcs.WordCount(ids.Length));
        var slotMasks = words == 1 ? [] : new List<ulong>(new ulong[words]);
        for (var position = 0; position < ids.Length; position++)
        {
            var id = ids[position];
            if (id < 0)
            {
                continue;
            }
            if (words == 1)
            {
                _maskByToken[id] |= 1UL << position;
                continue;
            }
            if (_slotByToken[id] == 0)
            {
                _slotByToken[id] = slotMasks.Count / words;
                slotMasks.AddRange(new ulong[words]);
            }
            slotMasks[(_slotByToken[id] * words) + (position >> 6)] |= 1UL << position;
        }
        var scores = new double[(_members.LongestMember + 1) * (ids.Length + 1)];
        return new Pattern(this, ids, words, [.. slotMasks], scores);
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

    /// <summary>
    /// A candidate turned into match masks, with a memo of F by (member length, LCS length): the candidate's length
    /// is fixed, so F takes few distinct values and each is divided out once. Disposing clears the pool's scratch.
    /// </summary>
    private readonly record struct Pattern(
        SimilarityPool Pool, int[] Ids, int Words, ulong[] SlotMasks, double[] Scores) : IDisposable
    {
        public int Length => Ids.Length;

        // F > 0 whenever LCS > 0, so a zero cell means not yet computed. Threads that race on a cell write the same
        // value.
        public double Score(int lcs, int memberLength)
        {
            if (lcs == 0)
            {
                return 0.0;
            }
            ref var cell = ref Scores[(memberLength * (Length + 1)) + lcs];
            if (cell == 0.0)
            {
                // Self-Instruct scores score(target=candidate, prediction=member); F is symmetric in any case.
                cell = RougeLScore.FromCounts(lcs, memberLength, Length).FMeasure;
            }
            return cell;
        }

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

    /// <summary>One chunk's sum and max of scores and its best matches.</summary>
    private sealed record ChunkResult(double Sum, double Max, TopMatches Top);
}
