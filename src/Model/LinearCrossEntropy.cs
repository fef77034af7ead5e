using static TorchSharp.torch;

namespace SelfInstruct.Model;

/// <summary>
/// The vocabulary projection and the mean cross-entropy in one step, a block of rows at a time, as Liger Kernel's
/// fused linear cross-entropy does: the logits of the whole batch ([rows, vocab], the largest tensors of a training
/// step by far) never exist at once, rows whose label is <see cref="CausalLanguageModel.IgnoreIndex"/> get no logits
/// at all, and the gradients come out of the same pass instead of from a saved softmax. The loss is the same number
/// as projecting and calling cross_entropy, and so are the gradients, up to float rounding.
/// </summary>
public static class LinearCrossEntropy
{
    /// <summary>
    /// Most logit elements in a block: 16 Mi floats, 64 MiB. Fewer, larger blocks make fewer passes over the weight's
    /// gradient; of 4, 12, 16 and 32 Mi, 16 trained fastest on the CPU bench at a 32k vocabulary (two blocks of 512
    /// rows where the whole batch's logits are 1,024 rows).
    /// </summary>
    public const long BlockElements = 16L << 20;

    /// <summary>
    /// Mean cross-entropy of predicting <paramref name="labels"/> [rows] from the logits
    /// <paramref name="hidden"/> [rows, hidden] · <paramref name="weight"/> [vocab, hidden]ᵀ, over labels that are not
    /// ignored: NaN when every label is, as in PyTorch. When grad mode is on, backward reaches
    /// <paramref name="hidden"/> and, if it requires one, <paramref name="weight"/>.
    /// </summary>
    /// <param name="hidden">The hidden states [rows, hidden].</param>
    /// <param name="weight">The vocabulary projection [vocab, hidden], without bias.</param>
    /// <param name="labels">The token each row predicts [rows], or the ignore index.</param>
    /// <param name="blockRows">
    /// Rows per block; 0 splits the rows evenly into as few blocks as <see cref="BlockElements"/> allows.
    /// </param>
    /// <param name="softcap">
    /// When set, the logits are c · tanh(logit / c) (Gemma's final_logit_softcapping), in the loss and its gradients.
    /// </param>
    /// <returns>A fresh scalar in float32.</returns>
    public static Tensor Loss(Tensor hidden, Tensor weight, Tensor labels, long blockRows = 0, double? softcap = null)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegative(blockRows);
        using var scope = NewDisposeScope();
        // labelled rows: count, hidden
        var kept = labels.ne(CausalLanguageModel.IgnoreIndex).nonzero().squeeze(1);
        var rows = hidden.index_select(0, kept);
        var targets = labels.index_select(0, kept);
        var count = rows.shape[0];
        var vocab = weight.shape[0];
        var block = blockRows > 0 ? blockRows : EvenBlockRows(count, vocab);
        var gradients = is_grad_enabled() && (rows.requires_grad || weight.requires_grad);
        var (sum, rowGradient, weightGradient) = Blocks(rows.detach(), weight.detach(), targets, count, block, softcap,
            rowsNeedGradient: gradients && rows.requires_grad, weightNeedsGradient: gradients && weight.requires_grad);
        var loss = sum / count;
        // The surrogate's gradients are exactly the ones the blocks computed, and it adds zero to the value. A dot
        // product makes no temporary the size of the weight on the way forward.
        Tensor? surrogate = null;
        if (rowGradient is not null)
        {
            surrogate = rows.flatten().dot(rowGradient.flatten());
        }
        if (weightGradient is not null)
        {
            var term = weight.flatten().dot(weightGradient.flatten());
            surrogate = surrogate is null ? term : surrogate + term;
        }
        if (surrogate is not null)
        {
            loss = loss + (surrogate - surrogate.detach());
        }
        return loss.MoveToOuterDisposeScope();
    }

    // Rows per block: as few blocks as BlockElements allows, all of about the same size.
    private static long EvenBlockRows(long count, long vocab)
    {
        var most = Math.Max(1, BlockElements / vocab);
        var blocks = Math.Max(1, (count + most - 1) / most);
        return (count + blocks - 1) / blocks;
    }

    // Sum of the losses, and the gradients of their mean with respect to the rows and the weight.
    private static (Tensor Sum, Tensor? Rows, Tensor? Weight) Blocks(
        Tensor rows, Tensor weight, Tensor targets, long count, long block, double? softcap, bool rowsNeedGradient,
        bool weightNeedsGradient)
    {
        using var noGrad = no_grad();
        var sum = tensor(0f, device: rows.device);
        var rowsGrad = rowsNeedGradient ? empty_like(rows) : null;
        // The first block overwrites the weight's gradient (beta 0), so only an empty batch needs zeros.
        var weightGrad = !weightNeedsGradient ? null : count > 0 ? empty_like(weight) : zeros_like(weight);
        var scale = 1f / Math.Max(count, 1);
        for (long start = 0; start < count; start += block)
        {
            using var blockScope = NewDisposeScope();
            var length = Math.Min(block, count - start);
            var input = rows.narrow(0, start, length);
            // block, 1
            var target = targets.narrow(0, start, length).unsqueeze(1);
            // block, vocab
            var logits = input.mm(weight.t()).to_type(ScalarType.Float32);
            // block, vocab: tanh(logit / c), whose derivative 1 - tanh² scales the gradient below
            Tensor? capped = null;
            if (softcap is { } cap)
            {
                capped = (logits / cap).tanh_();
                logits = capped * cap;
            }
            // The softmax kernel is vectorised where a plain exp goes through MKL's slower VML. The log-sum-exp comes
            // back from the largest probability, which is at least 1 / vocab, so its log loses nothing.
            // block, 1
            var (maxima, argmax) = logits.max(1, keepdim: true);
            var picked = logits.gather(1, target);
            // block, vocab
            var probabilities = logits.softmax(1);
            var logSumExp = maxima - probabilities.gather(1, argmax).log();
            sum.add_((logSumExp - picked).sum());
            if (rowsGrad is null && weightGrad is null)
            {
                continue;
            }
            // d loss / d logits = (softmax - one-hot) / count, built in the probabilities' memory; the GEMMs apply
            // the division.
            var gradient = probabilities.scatter_add_(1, target, full_like(target, -1.0, probabilities.dtype));
            if (capped is not null)
            {
                gradient = gradient.mul_(1 - capped.square());
            }
            gradient = gradient.to_type(rows.dtype);
            rowsGrad?.narrow(0, start, length).addmm_(gradient, weight, beta: 0, alpha: scale);
            weightGrad?.addmm_(gradient.t(), input, beta: start == 0 ? 0 : 1, alpha: scale);
        }
        return (sum, rowsGrad, weightGrad);
    }
}
