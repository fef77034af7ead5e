using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SelfInstruct.Core.Rouge;

/// <summary>
/// Length of the longest common subsequence of two token-id sequences by Hyyrö's bit-parallel algorithm: the
/// pattern's positions are bits, each text token updates a whole 64-bit word of them at once, so the cost is
/// text length × ⌈pattern length / 64⌉ word operations instead of the dynamic programme's text × pattern cells.
/// </summary>
public static class BitParallelLcs
{
    private const int ShortTableSize = 128;

    /// <summary>The LCS length of two sequences of token ids, which must be non-negative.</summary>
    public static int Length(ReadOnlySpan<int> first, ReadOnlySpan<int> second)
    {
        var pattern = first.Length <= second.Length ? first : second;
        var text = first.Length <= second.Length ? second : first;
        if (pattern.IsEmpty)
        {
            return 0;
        }
        var words = WordCount(pattern.Length);
        if (words == 1)
        {
            return LengthShortPattern(pattern, text);
        }
        var tokenCount = Math.Max(Max(pattern), Max(text)) + 1;
        var slotByToken = new int[tokenCount];
        var slotMasks = new List<ulong>(new ulong[words]);
        for (var position = 0; position < pattern.Length; position++)
        {
            var token = pattern[position];
            if (slotByToken[token] == 0)
            {
                slotByToken[token] = slotMasks.Count / words;
                slotMasks.AddRange(new ulong[words]);
            }
            slotMasks[(slotByToken[token] * words) + (position >> 6)] |= 1UL << position;
        }
        return LengthMultiWord(slotMasks.ToArray(), slotByToken, words, pattern.Length, text, new ulong[words]);
    }

    /// <summary>How many 64-bit words hold a pattern of this many tokens.</summary>
    public static int WordCount(int patternLength) => (patternLength + 63) >> 6;

    /// <summary>
    /// The LCS length for a pattern of any length. <paramref name="slotMasks"/> holds <paramref name="words"/>
    /// words per slot (slot, word) with bit <c>i</c> set where pattern token <c>i</c> is that slot's token;
    /// <paramref name="slotByToken"/> maps a token id to its slot, 0 (all-zero masks) for tokens not in the pattern.
    /// <paramref name="state"/> is scratch of <paramref name="words"/> words.
    /// </summary>
    public static int LengthMultiWord(
        ReadOnlySpan<ulong> slotMasks,
        ReadOnlySpan<int> slotByToken,
        int words,
        int patternLength,
        ReadOnlySpan<int> text,
        Span<ulong> state)
    {
        state.Fill(ulong.MaxValue);
        foreach (var token in text)
        {
            var masks = slotMasks.Slice(slotByToken[token] * words, words);
            ulong carry = 0;
            for (var word = 0; word < words; word++)
            {
                var v = state[word];
                var matched = v & masks[word];
                var sum = v + matched;
                var carryOut = sum < v ? 1UL : 0UL;
                var withCarry = sum + carry;
                carry = carryOut | (withCarry < sum ? 1UL : 0UL);
                state[word] = withCarry | (v - matched);
            }
        }
        var zeros = 0;
        for (var word = 0; word < words; word++)
        {
            zeros += BitOperations.PopCount(~state[word] & ValidBits(patternLength, word));
        }
        return zeros;
    }

    /// <summary>The LCS length for a pattern of at most 64 tokens, one mask per text token.</summary>
    public static int LengthSingleWord(ReadOnlySpan<ulong> maskByToken, ReadOnlySpan<int> text, int patternLength)
    {
        var v = ulong.MaxValue;
        foreach (var token in text)
        {
            var matched = v & maskByToken[token];
            v = (v + matched) | (v - matched);
        }
        return BitOperations.PopCount(~v & ValidBits(patternLength, 0));
    }

    // A pattern of at most 64 tokens keeps its masks in a small open-addressing table on the stack, so a pair
    // costs no allocation whatever the token ids.
    private static int LengthShortPattern(ReadOnlySpan<int> pattern, ReadOnlySpan<int> text)
    {
        Span<int> keys = stackalloc int[ShortTableSize];
        Span<ulong> masks = stackalloc ulong[ShortTableSize];
        keys.Fill(-1);
        for (var position = 0; position < pattern.Length; position++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(pattern[position]);
            var slot = SlotOf(keys, pattern[position]);
            keys[slot] = pattern[position];
            masks[slot] |= 1UL << position;
        }
        var v = ulong.MaxValue;
        foreach (var token in text)
        {
            var slot = SlotOf(keys, token);
            var matched = keys[slot] == token ? v & masks[slot] : 0UL;
            v = (v + matched) | (v - matched);
        }
        return BitOperations.PopCount(~v & ValidBits(pattern.Length, 0));
    }

    // The slot that holds the token, or the empty slot where it would go.
    private static int SlotOf(ReadOnlySpan<int> keys, int token)
    {
        var slot = (int)((uint)token * 2654435769u >> 25);
        while (keys[slot] != token && keys[slot] != -1)
        {
            slot = (slot + 1) & (ShortTableSize - 1);
        }
        return slot;
    }

    private static int Max(ReadOnlySpan<int> tokens)
    {
        var max = 0;
        foreach (var token in tokens)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(token);
            max = Math.Max(max, token);
        }
        return max;
    }

    /// <summary>
    /// <see cref="LengthSingleWord"/> for four texts at once, one per 64-bit lane of a vector. The texts come
    /// interleaved, token <c>i</c> of text <c>k</c> at <c>4i + k</c>, shorter ones padded with a token whose mask
    /// is zero, which leaves a lane unchanged. Returns each lane's final state: the LCS length is the count of
    /// zero bits among the pattern's. Unchecked: every token must index <paramref name="maskByToken"/>, which
    /// the similarity pool guarantees by construction.
    /// </summary>
    internal static Vector256<ulong> StatesOfFourUnchecked(
        ReadOnlySpan<ulong> maskByToken, ReadOnlySpan<int> interleaved)
    {
        ref var masks = ref MemoryMarshal.GetReference(maskByToken);
        ref var tokens = ref MemoryMarshal.GetReference(interleaved);
        var v = Vector256<ulong>.AllBitsSet;
        for (var index = 0; index + 3 < interleaved.Length; index += 4)
        {
            var mask = Vector256.Create(
                Unsafe.Add(ref masks, Unsafe.Add(ref tokens, index)),
                Unsafe.Add(ref masks, Unsafe.Add(ref tokens, index + 1)),
                Unsafe.Add(ref masks, Unsafe.Add(ref tokens, index + 2)),
                Unsafe.Add(ref masks, Unsafe.Add(ref tokens, index + 3)));
            var matched = v & mask;
            v = (v + matched) | (v - matched);
        }
        return v;
    }

    /// <summary>The LCS length held in a final state word of a pattern of at most 64 tokens.</summary>
    public static int LengthFromState(ulong state, int patternLength) =>
        BitOperations.PopCount(~state & ValidBits(patternLength, 0));

    private static ulong ValidBits(int patternLength, int word)
    {
        var bitsInWord = patternLength - (word << 6);
        return bitsInWord >= 64 ? ulong.MaxValue : (1UL << bitsInWord) - 1;
    }
}
