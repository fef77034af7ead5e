using SelfInstruct.Model;
using SelfInstruct.Model.Tokenization;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Model;

[Collection(TorchSharpTests.Name)]
public sealed class LocalModelTests
{
    [Theory]
    [InlineData(ModelArchitecture.Gpt2)]
    [InlineData(ModelArchitecture.Llama)]
    [InlineData(ModelArchitecture.Qwen2)]
    public async Task Saves_a_new_model_in_the_hugging_face_layout_and_loads_it_back_exactly(
        ModelArchitecture architecture)
    {
        using var folder = new TemporaryFolder();
        var output = Path.Combine(folder.Path, "checkpoint");
        var tokenizer = ModelTokenizer.CreateByteLevel();
        using var created = LocalModel.Create(
            ModelPresets.Create(architecture, ModelPreset.Tiny, tokenizer.VocabSize), tokenizer, seed: 3);

        await created.SaveAsync(output, CancellationToken.None);
        using var loaded = LocalModel.Load(output);

        Assert.Equal(["config.json", "generation_config.json", "merges.txt", "model.safetensors",
            "tokenizer_config.json", "vocab.json"], Directory.GetFiles(output).Select(Path.GetFileName).Order());
        Assert.Single(Directory.GetFileSystemEntries(folder.Path));
        Assert.Equivalent(created.Model.Config, loaded.Model.Config, strict: true);
        var createdState = created.Model.state_dict();
        foreach (var (name, tensor) in loaded.Model.state_dict())
        {
            TensorAssert.Identical(createdState[name], tensor, name);
        }
        Assert.Equal(tokenizer.Encode("Round trip ✓"), loaded.Tokenizer.Encode("Round trip ✓"));
    }

    [Fact]
    public void Draws_the_same_weights_from_the_same_seed_and_others_from_another()
    {
        var tokenizer = ModelTokenizer.CreateByteLevel();
        var config = ModelPresets.Create(ModelArchitecture.Llama, ModelPreset.Tiny, tokenizer.VocabSize);

        using var first = LocalModel.Create(config, tokenizer, seed: 11);
        using var again = LocalModel.Create(config, tokenizer, seed: 11);
        using var other = LocalModel.Create(config, tokenizer, seed: 12);

        var name = "model.layers.0.self_attn.q_proj.weight";
        TensorAssert.Identical(first.Model.state_dict()[name], again.Model.state_dict()[name], name);
        Assert.True(TensorAssert.MaxDifference(first.Model.state_dict()[name], other.Model.state_dict()[name]) > 0);
        using var std = first.Model.state_dict()[name].std();
        Assert.InRange(std.item<float>(), 0.018, 0.022);
        Assert.Equal([256], first.Model.Config.EosTokenIds);
    }

    [Fact]
    public async Task Refuses_to_write_into_a_folder_that_is_not_empty()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.File("keep.txt"), "mine");
        var tokenizer = ModelTokenizer.CreateByteLevel();
        using var model = LocalModel.Create(
            ModelPresets.Create(ModelArchitecture.Gpt2, ModelPreset.Tiny, tokenizer.VocabSize), tokenizer, seed: 1);

        var error = await Assert.ThrowsAsync<IOException>(() => model.SaveAsync(folder.Path, CancellationToken.None));

        Assert.Equal($"{folder.Path}: the folder exists and is not empty; choose a new one", error.Message);
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }
}
