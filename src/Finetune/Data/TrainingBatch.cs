using SelfInstruct.Model;
using static TorchSharp.torch;

namespace SelfInstruct.Finetune.Data;

/// <summary>
/// A micro-batch as tensors: rows padded on the right to the longest, with the pad id in the input ids and the
/// ignore index in the labels. Right padding needs no attention mask: causal attention never lets a real token see
/// the padding after it.
/// </summary>
public static class TrainingBatch
{
    /// <summary>Input ids and labels [batch, longest] on <paramref name="device"/>, and the real token count.</summary>
    public static (Tensor InputIds, Tensor Labels, long Tokens) Create(
        IReadOnlyList<TokenizedExample> examples, IReadOnlyList<int> indices, long padId, Device device)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(indices);
        var longest = indices.Max(index => examples[index].Length);
        var ids = new long[indices.Count * longest];
        var labels = new long[ids.Length];
        Array.Fill(ids, padId);
        Array.Fill(labels, CausalLanguageModel.IgnoreIndex);
        long tokens = 0;
        for (var row = 0; row < indices.Count; row++)
        {
            var example = examples[indices[row]];
            example.InputIds.CopyTo(ids, row * longest);
            example.Labels.CopyTo(labels, row * longest);
            tokens += example.Length;
        }
        long[] shape = [indices.Count, longest];
        return (tensor(ids, shape, device: device), tensor(labels, shape, device: device), tokens);
    }
}
