using static TorchSharp.torch;

namespace SelfInstruct.Model.Generation;

/// <summary>
/// Generates token ids for a batch of prompts of different lengths: prompts are left-padded, the attention mask
/// hides the padding and positions count real tokens only, so each row continues exactly as it would alone. With
/// the KV cache, the prompt is run once and each step feeds one token per row. Runs in eval mode under no-grad, in
/// one dispose scope per call plus one per step; checks cancellation before every token.
/// </summary>
public sealed class TokenGenerator(CausalLanguageModel model)
{
    /// <summary>
    /// Continues every prompt until it produces one of <paramref name="endOfSequenceIds"/>, until
    /// <paramref name="isStopped"/> says so for its row and tokens so far, or until max new tokens or the context
    /// length. <paramref name="onToken"/> sees each new token of each unfinished row as (row, token).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A prompt is empty or fills the context; an option is out of range.
    /// </exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested between tokens.</exception>
    public IReadOnlyList<GeneratedTokens> Generate(
        IReadOnlyList<IReadOnlyList<int>> prompts,
        GenerationOptions options,
        IReadOnlyCollection<int> endOfSequenceIds,
        Func<int, IReadOnlyList<int>, bool>? isStopped = null,
        Action<int, int>? onToken = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var longest = CheckPrompts(prompts);
        var limit = Math.Min(options.MaxNewTokens, model.Config.ContextLength - longest);
        var batch = prompts.Count;
        var rows = new GenerationRows(batch, endOfSequenceIds, isStopped, onToken);
        var sampler = new TokenSampler(options, new Random(options.Seed));

        model.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var cache = options.UseKvCache ? new KvCache(model.Config.LayerCount) : null;
        var device = model.parameters().First().device;
        var (ids, mask) = LeftPadded(prompts, longest, device);
        var input = ids;
        var counts = zeros(batch, model.Config.VocabSize, ScalarType.Float32, device);
        for (var step = 0; step < limit && rows.AnyOpen; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var stepScope = NewDisposeScope();
            var logits = cache is null ? model.Logits(ids, mask) : model.Logits(input, mask, cache);
            var tokens = sampler.Next(logits.select(1, -1), counts);
            rows.Record(tokens);
            // batch, 1
            var next = tensor(tokens, device: device).unsqueeze(1);
            counts.scatter_add_(1, next, ones(batch, 1, ScalarType.Float32, device));
            input = next.MoveToOuterDisposeScope();
            ids = cat([ids, next], 1).MoveToOuterDisposeScope();
            mask = cat([mask, ones(batch, 1, ScalarType.Int64, device)], 1).MoveToOuterDisposeScope();
        }
        return rows.Results();
    }

    private int CheckPrompts(IReadOnlyList<IReadOnlyList<int>> prompts)
    {
        if (prompts.Count == 0 || prompts.Any(prompt => prompt.Count == 0))
        {
            throw new ArgumentException("every prompt needs at least one token, and there must be one prompt",
                nameof(prompts));
        }
        var longest = prompts.Max(prompt => prompt.Count);
        if (longest >= model.Config.ContextLength)
        {
            throw new ArgumentException($"a prompt of {longest} tokens leaves no room in the context length " +
                $"{model.Config.ContextLength}", nameof(prompts));
        }
        var vocab = model.Config.VocabSize;
        foreach (var id in prompts.SelectMany(prompt => prompt).Where(id => id < 0 || id >= vocab))
        {
            throw new ArgumentException($"token id {id} lies outside the vocabulary of {vocab}", nameof(prompts));
        }
        return longest;
    }

    // batch, longest: prompts pushed right; padding is id 0 with mask 0.
    private static (Tensor Ids, Tensor Mask) LeftPadded(
        IReadOnlyList<IReadOnlyList<int>> prompts, int longest, Device device)
    {
        var ids = new long[prompts.Count * longest];
        var mask = new long[prompts.Count * longest];
        for (var row = 0; row < prompts.Count; row++)
        {
            var offset = row * longest + longest - prompts[row].Count;
            for (var i = 0; i < prompts[row].Count; i++)
            {
                ids[offset + i] = prompts[row][i];
                mask[offset + i] = 1;
            }
        }
        long[] shape = [prompts.Count, longest];
        return (tensor(ids, shape, device: device), tensor(mask, shape, device: device));
    }
}
