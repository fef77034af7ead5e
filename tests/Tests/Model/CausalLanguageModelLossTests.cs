using SelfInstruct.Model;
using SelfInstruct.Model.Tokenization;
using Xunit;
using static TorchSharp.torch;

namespace SelfInstruct.Tests.Model;

[Collection(TorchSharpTests.Name)]
public sealed class CausalLanguageModelLossTests
{
    [Fact]
    public void Averages_the_shifted_cross_entropy_over_labels_that_are_not_ignored()
    {
        var tokenizer = ModelTokenizer.CreateByteLevel();
        using var local = LocalModel.Create(
            ModelPresets.Create(ModelArchitecture.Llama, ModelPreset.Tiny, tokenizer.VocabSize), tokenizer, seed: 1);
        using var inputIds = tensor(new long[] { 5, 6, 7, 8, 9, 10 }, [1, 6]);
        using var labels = tensor(new long[] { -100, -100, -100, 8, 9, 10 }, [1, 6]);

        var (logits, loss) = local.Model.LogitsAndLoss(inputIds, labels);
        var (plainLogits, noLoss) = local.Model.LogitsAndLoss(inputIds, null);

        // Positions 2, 3 and 4 predict tokens 8, 9 and 10: the mean of -log softmax there.
        using var logProbabilities = logits.log_softmax(-1);
        var expected = -(logProbabilities[0, 2, 8].item<float>() + logProbabilities[0, 3, 9].item<float>()
            + logProbabilities[0, 4, 10].item<float>()) / 3;
        Assert.Equal(expected, loss!.item<float>(), 5);
        Assert.Null(noLoss);
        Assert.Equal(0, TensorAssert.MaxDifference(logits, plainLogits));
        Assert.Equal(-100, CausalLanguageModel.IgnoreIndex);
        loss.Dispose();
        logits.Dispose();
        plainLogits.Dispose();
    }
}
