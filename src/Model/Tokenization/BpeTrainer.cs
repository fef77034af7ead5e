namespace SelfInstruct.Model.Tokenization;

/// <summary>
/// Learns GPT-2 byte-level BPE merges from text, so a model made from scratch need not spend one token per byte.
/// Each text is split like <see cref="ModelTokenizer"/> splits it (<c>&lt;|endoftext|&gt;</c> literally, then GPT-2's
/// pre-tokenizer), each piece becomes its UTF-8 byte symbols, and the most frequent adjacent pair over all pieces
/// (weighted by how often each piece occurs) is merged, again and again. Ties go to the pair whose left symbol, then
/// right symbol, is first in ordinal order, so the same texts always give the same merges.
/// </summary>
public static class BpeTrainer
{
    /// <summary>
    /// A byte-level BPE tokenizer trained on <paramref name="texts"/> with at most <paramref name="vocabSize"/> ids:
    /// the 256 byte symbols, the merged tokens and <c>&lt;|endoftext|&gt;</c> (the EOS id, last). Any string encodes
    /// and decodes back exactly, seen or not.
    /// </summary>
    public static ModelTokenizer Train(IEnumerable<string> texts, int vocabSize) =>
        ModelTokenizer.CreateByteLevel(LearnMerges(texts, vocabSize));

    /// <summary>
    /// The merges, in rank order, as merges.txt writes them ("left right" over byte symbols, such as <c>Ġ t</c>):
    /// they stop when the vocabulary (256 bytes, distinct merged tokens, end of text) reaches
    /// <paramref name="vocabSize"/> or no pair occurs twice. A size of 257 or less gives none.
    /// </summary>
    public static IReadOnlyList<string> LearnMerges(IEnumerable<string> texts, int vocabSize)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfNegative(vocabSize);
        var symbols = new List<string>(ByteSymbols.ByByte());
        var ids = symbols.Select((symbol, id) => (symbol, id)).ToDictionary(pair => pair.symbol, pair => pair.id,
            StringComparer.Ordinal);
        var pairs = new PairCounts(CountWords(texts), symbols);
        var merges = new List<string>();
        var learned = new HashSet<string>(StringComparer.Ordinal);
        while (ids.Count + 1 < vocabSize && pairs.MostFrequent() is { } best)
        {
            // A token can come from two merges ("a bc", "ab c"): one id, so the pairs it makes are counted together.
            var (left, right) = (symbols[best.Left], symbols[best.Right]);
            if (!ids.TryGetValue(left + right, out var id))
            {
                ids[left + right] = id = symbols.Count;
                symbols.Add(left + right);
            }
            if (learned.Add($"{left} {right}"))
            {
                merges.Add($"{left} {right}");
            }
            pairs.Merge(best, id);
        }
        return merges;
    }

    private static List<Word> CountWords(IEnumerable<string> texts)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var preTokenizer = ModelTokenizer.Gpt2PreTokenizer();
        foreach (var text in texts)
        {
            ArgumentNullException.ThrowIfNull(text, nameof(texts));
            foreach (var part in text.Split(ModelTokenizer.EndOfText))
            {
                foreach (var piece in preTokenizer.EnumerateMatches(part))
                {
                    var word = part.Substring(piece.Index, piece.Length);
                    counts[word] = counts.GetValueOrDefault(word) + 1;
                }
            }
        }
        return [.. counts.Select(pair => new Word([.. Encoding.UTF8.GetBytes(pair.Key).Select(b => (int)b)],
            pair.Value))];
    }

    /// <summary>A distinct pre-tokenized piece as symbol ids (bytes, then merged tokens) and its count.</summary>
    private sealed record Word(List<int> Symbols, int Count);

    private readonly record struct Pair(int Left, int Right);

    /// <summary>
    /// Counts of adjacent pairs over all words, weighted, which words hold each pair, and a queue of pairs by count
    /// (most first, then ordinal order) that keeps old entries and skips those whose count has changed since.
    /// </summary>
    private sealed class PairCounts
    {
        private readonly List<Word> _words;
        private readonly List<string> _symbols;
        private readonly Dictionary<Pair, long> _counts = [];
        private readonly Dictionary<Pair, HashSet<int>> _holders = [];
        private readonly HashSet<Pair> _changed = [];
        private readonly PriorityQueue<Pair, Priority> _queue;

        public PairCounts(List<Word> words, List<string> symbols)
        {
            _words = words;
            _symbols = symbols;
            _queue = new PriorityQueue<Pair, Priority>(new PriorityOrder());
            for (var index = 0; index < words.Count; index++)
            {
                Add(index, +1);
            }
            Requeue();
        }

        public Pair? MostFrequent()
        {
            while (_queue.TryDequeue(out var pair, out var priority))
            {
                if (_counts.GetValueOrDefault(pair) == priority.Count)
                {
                    return priority.Count >= 2 ? pair : null;
                }
            }
            return null;
        }

        /// <summary>Replaces every <paramref name="pair"/> by the symbol <paramref name="merged"/>.</summary>
        public void Merge(Pair pair, int merged)
        {
            var holders = _holders[pair];
            _holders.Remove(pair);
            foreach (var index in holders)
            {
                Add(index, -1);
                var symbols = _words[index].Symbols;
                for (var i = 0; i < symbols.Count - 1; i++)
                {
                    if (symbols[i] == pair.Left && symbols[i + 1] == pair.Right)
                    {
                        symbols[i] = merged;
                        symbols.RemoveAt(i + 1);
                    }
                }
                Add(index, +1);
            }
            Requeue();
        }

        private void Add(int index, int sign)
        {
            var (symbols, count) = _words[index];
            for (var i = 0; i < symbols.Count - 1; i++)
            {
                var pair = new Pair(symbols[i], symbols[i + 1]);
                var total = _counts.GetValueOrDefault(pair) + sign * (long)count;
                if (total == 0)
                {
                    _counts.Remove(pair);
                }
                else
                {
                    _counts[pair] = total;
                }
                _changed.Add(pair);
                if (sign > 0)
                {
                    if (!_holders.TryGetValue(pair, out var holders))
                    {
                        _holders[pair] = holders = [];
                    }
                    holders.Add(index);
                }
            }
        }

        private void Requeue()
        {
            foreach (var pair in _changed)
            {
                if (_counts.TryGetValue(pair, out var count))
                {
                    _queue.Enqueue(pair, new Priority(count, _symbols[pair.Left], _symbols[pair.Right]));
                }
            }
            _changed.Clear();
        }
    }

    private readonly record struct Priority(long Count, string Left, string Right);

    /// <summary>Dequeues the highest count first, then the ordinal-first left symbol, then right symbol.</summary>
    private sealed class PriorityOrder : IComparer<Priority>
    {
        public int Compare(Priority x, Priority y)
        {
            var byCount = y.Count.CompareTo(x.Count);
            if (byCount != 0)
            {
                return byCount;
            }
            var byLeft = string.CompareOrdinal(x.Left, y.Left);
            return byLeft != 0 ? byLeft : string.CompareOrdinal(x.Right, y.Right);
        }
    }
}
