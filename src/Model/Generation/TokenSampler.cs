using static TorchSharp.torch;

namespace SelfInstruct.Model.Generation;

/// <summary>
/// Picks the next token of every row from its logits: penalties, then greedy argmax or temperature, top-k, top-p and
/// a draw with the injected <see cref="Random"/>, on the CPU so a seed gives the same tokens on every device.
/// </summary>
internal sealed class TokenSampler(GenerationOptions options, Random random)
{
    /// <summary>
    /// The next token of every row. <paramref name="logits"/> and <paramref name="counts"/> are [batch, vocab].
    /// </summary>
    public long[] Next(Tensor logits, Tensor counts)
    {
        var scores = logits.to_type(ScalarType.Float32);
        if (options.FrequencyPenalty != 0 || options.PresencePenalty != 0)
        {
            scores = scores - counts * options.FrequencyPenalty
                - counts.gt(0).to_type(ScalarType.Float32) * options.PresencePenalty;
        }
        if (options.Temperature == 0)
        {
            return scores.argmax(-1).cpu().data<long>().ToArray();
        }
        scores = scores / options.Temperature;
        var vocab = scores.shape[1];
        if (options.TopK > 0 && options.TopK < vocab)
        {
            // batch, 1: the k-th largest score of each row
            var kth = scores.topk(options.TopK).values.narrow(-1, options.TopK - 1, 1);
            scores = scores.masked_fill(scores.lt(kth), double.NegativeInfinity);
        }
        if (options.TopP < 1)
        {
            var (sorted, order) = scores.sort(-1, descending: true);
            var probabilities = nn.functional.softmax(sorted, -1);
            // A token goes when the more likely tokens before it already reach top-p; the first always stays.
            var dropSorted = (probabilities.cumsum(-1) - probabilities).ge(options.TopP);
            var drop = zeros_like(dropSorted).scatter(-1, order, dropSorted);
            scores = scores.masked_fill(drop, double.NegativeInfinity);
        }
        var rows = nn.functional.softmax(scores, -1).to_type(ScalarType.Float64).cpu().data<double>().ToArray();
        return Enumerable.Range(0, (int)scores.shape[0]).Select(row => Draw(rows.AsSpan(row * (int)vocab, (int)vocab)))
            .ToArray();
    }

    private long Draw(ReadOnlySpan<double> probabilities)
    {
        var threshold = random.NextDouble();
        var total = 0.0;
        var last = 0;
        for (var token = 0; token < probabilities.Length; token++)
        {
            if (probabilities[token] <= 0)
            {
                continue;
            }
            total += probabilities[token];
            last = token;
            if (threshold < total)
            {
                return token;
            }
        }
        // Rounding left the total just under the threshold: the last possible token takes the remainder.
        return last;
    }
}
