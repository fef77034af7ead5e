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

        using var loss = local.Model.Loss(inputIds, labels);

        // Positions 2, 3 and 4 predict tokens 8, 9 and 10: the mean of -log softmax there.
        using var logits = local.Model.Logits(inputIds);
        using var logProbabilities = logits.log_softmax(-1);
        var expected = -(logProbabilities[0, 2, 8].item<float>() + logProbabilities[0, 3, 9].item<float>()
            + logProbabilities[0, 4, 10].item<float>()) / 3;
        Assert.Equal(expected, loss.item<float>(), 5);
        Assert.Equal(-100, CausalLanguageModel.IgnoreIndex);
    }

    [Fact]
    public void Refuses_labels_shaped_unlike_the_input_ids()
    {
        var tokenizer = ModelTokenizer.CreateByteLevel();
        using var local = LocalModel.Create(
            ModelPresets.Create(ModelArchitecture.Gpt2, ModelPreset.Tiny, tokenizer.VocabSize), tokenizer, seed: 1);
        using var inputIds = tensor(new long[] { 5, 6, 7, 8 }, [1, 4]);
        using var labels = tensor(new long[] { 5, 6, 7 }, [1, 3]);

        var error = Assert.Throws<ArgumentException>(() => local.Model.Loss(inputIds, labels));

        Assert.Contains("labels are [1, 3], expected [1, 4]", error.Message, StringComparison.Ordinal);
    }
}
