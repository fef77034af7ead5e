using SelfInstruct.Model;
using SelfInstruct.Model.Checkpoints;
using SelfInstruct.Model.Generation;
using SelfInstruct.Model.Tokenization;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Model.Generation;

[Collection(TorchSharpTests.Name)]
public sealed class TextGeneratorTests
{
    [SharedDataFact]
    public void Completes_the_reference_prompt_with_the_reference_greedy_text()
    {
        var folder = ReferenceFixture.Folder("tiny-gpt2");
        using var model = Checkpoint.Load(folder);
        var tokenizer = ModelTokenizer.Load(folder);
        var reference = ReferenceFixture.Cases("tiny-gpt2")[0];

        var result = new TextGenerator(model, tokenizer).Generate([reference.Text], GenerationOptions.Greedy(16))[0];

        Assert.Equal(tokenizer.Decode(reference.GreedyNewTokenIds.Select(id => (int)id)), result.Text);
        Assert.Equal(reference.InputIds.Length, result.PromptTokenCount);
        Assert.Equal(FinishReason.Length, result.FinishReason);
    }

    [SharedDataFact]
    public void Ends_before_the_first_stop_sequence()
    {
        var folder = ReferenceFixture.Folder("tiny-gpt2");
        using var model = Checkpoint.Load(folder);
        var generator = new TextGenerator(model, ModelTokenizer.Load(folder));
        var prompt = ReferenceFixture.Cases("tiny-gpt2")[0].Text;
        var free = generator.Generate([prompt], GenerationOptions.Greedy(16))[0];
        var stop = free.Text.Substring(free.Text.Length / 2, 2);

        var stopped = generator.Generate([prompt], GenerationOptions.Greedy(16) with { StopSequences = [stop] })[0];

        Assert.Equal(free.Text[..free.Text.IndexOf(stop, StringComparison.Ordinal)], stopped.Text);
        Assert.Equal(FinishReason.Stop, stopped.FinishReason);
        Assert.True(stopped.TokenIds.Count < free.TokenIds.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Streamed_deltas_join_to_the_final_text_even_through_broken_utf8(bool withStopSequences)
    {
        string[] stopSequences = withStopSequences ? ["e", "\n\n"] : [];
        var tokenizer = ModelTokenizer.CreateByteLevel();
        using var model = LocalModel.Create(
            ModelPresets.Create(ModelArchitecture.Llama, ModelPreset.Tiny, tokenizer.VocabSize), tokenizer, seed: 2);
        var options = new GenerationOptions { MaxNewTokens = 120, Seed = 4, StopSequences = stopSequences };
        var streamed = new[] { new StringBuilder(), new StringBuilder() };

        var results = new TextGenerator(model.Model, tokenizer).Generate(
            ["Grüße ", "日本"], options, (row, delta) => streamed[row].Append(delta));

        Assert.Equal(results.Select(result => result.Text), streamed.Select(text => text.ToString()));
        Assert.Contains(results, result => result.Text.Contains('\uFFFD', StringComparison.Ordinal));
    }
}
