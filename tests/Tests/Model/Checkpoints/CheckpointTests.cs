using SelfInstruct.Model;
using SelfInstruct.Model.Checkpoints;
using SelfInstruct.Tests.Support;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace SelfInstruct.Tests.Model.Checkpoints;

/// <summary>Loading variants of real checkpoints, saving them back exactly, and clear errors for broken ones.</summary>
[Collection(TorchSharpTests.Name)]
public sealed class CheckpointTests
{
    [SharedDataTheory]
    [InlineData("tiny-gpt2")]
    [InlineData("tiny-llama")]
    [InlineData("tiny-qwen2")]
    public async Task Saves_the_same_tensors_and_config_it_loaded(string fixture)
    {
        using var folder = new TemporaryFolder();
        var source = ReferenceFixture.Folder(fixture);
        using var model = Checkpoint.Load(source);

        await Checkpoint.SaveAsync(model, folder.Path, CancellationToken.None);
        var original = SafetensorsFile.Read(Path.Combine(source, SafetensorsFile.FileName));
        var saved = SafetensorsFile.Read(folder.File(SafetensorsFile.FileName));

        Assert.Equal(original.Keys.Order(), saved.Keys.Order());
        foreach (var (name, tensor) in original)
        {
            TensorAssert.Identical(tensor, saved[name], $"{fixture}: {name} after a round trip");
        }
        Assert.Equivalent(model.Config, HfConfigFile.Read(folder.File("config.json")), strict: true);
    }

    [SharedDataFact]
    public async Task Loads_gpt2_keys_without_the_transformer_prefix_and_ignores_mask_buffers()
    {
        using var folder = CopyFixture("tiny-gpt2");
        var weights = SafetensorsFile.Read(folder.File(SafetensorsFile.FileName));
        var renamed = weights.ToDictionary(pair => pair.Key["transformer.".Length..], pair => pair.Value);
        renamed["h.0.attn.bias"] = ones(1, 1, 128, 128).tril();
        renamed["h.0.attn.masked_bias"] = tensor(-1e4f);
        await SafetensorsFile.WriteAsync(folder.File(SafetensorsFile.FileName), renamed, CancellationToken.None);

        using var model = Checkpoint.Load(folder.Path);

        AssertSameLogits("tiny-gpt2", model);
    }

    [SharedDataFact]
    public async Task Loads_sharded_weights_through_the_index()
    {
        using var folder = CopyFixture("tiny-llama");
        var weights = SafetensorsFile.Read(folder.File(SafetensorsFile.FileName));
        File.Delete(folder.File(SafetensorsFile.FileName));
        var names = weights.Keys.Order(StringComparer.Ordinal).ToList();
        var shards = names.Chunk((names.Count + 1) / 2).Select((chunk, index) =>
            (File: $"model-{index + 1:00000}-of-00002.safetensors", Names: chunk)).ToList();
        var weightMap = new JsonObject();
        foreach (var (file, shardNames) in shards)
        {
            await SafetensorsFile.WriteAsync(folder.File(file),
                shardNames.ToDictionary(name => name, name => weights[name]), CancellationToken.None);
            foreach (var name in shardNames)
            {
                weightMap[name] = file;
            }
        }
        await File.WriteAllTextAsync(folder.File("model.safetensors.index.json"),
            new JsonObject { ["metadata"] = new JsonObject(), ["weight_map"] = weightMap }.ToJsonString());

        using var model = Checkpoint.Load(folder.Path);

        AssertSameLogits("tiny-llama", model);
    }

    [SharedDataFact]
    public async Task Loads_bfloat16_weights_into_a_float32_model()
    {
        using var folder = new TemporaryFolder();
        using (var model = Checkpoint.Load(ReferenceFixture.Folder("tiny-qwen2")))
        {
            model.to(ScalarType.BFloat16);
            await Checkpoint.SaveAsync(model, folder.Path, CancellationToken.None);
        }

        using var loaded = Checkpoint.Load(folder.Path);

        Assert.Equal("bfloat16", HfConfigFile.Read(folder.File("config.json")).Dtype);
        Assert.Equal(ScalarType.BFloat16, SafetensorsFile.ReadHeader(folder.File(SafetensorsFile.FileName))[0].Dtype);
        Assert.All(loaded.parameters(), parameter => Assert.Equal(ScalarType.Float32, parameter.dtype));
    }

    [SharedDataFact]
    public void Names_the_folder_and_the_files_it_looked_for_when_weights_are_missing()
    {
        using var folder = CopyFixture("tiny-llama");
        File.Delete(folder.File(SafetensorsFile.FileName));

        var error = Assert.Throws<FileNotFoundException>(() => Checkpoint.Load(folder.Path));

        Assert.Equal($"{folder.Path}: no weights: neither model.safetensors nor model.safetensors.index.json is there",
            error.Message);
    }

    [SharedDataFact]
    public async Task Names_the_file_and_the_tensor_of_a_wrong_shape()
    {
        using var folder = CopyFixture("tiny-llama");
        var path = folder.File(SafetensorsFile.FileName);
        var weights = SafetensorsFile.Read(path);
        weights["model.layers.1.self_attn.k_proj.weight"] = zeros(64, 64);
        await SafetensorsFile.WriteAsync(path, weights, CancellationToken.None);

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(folder.Path));

        Assert.Equal($"{path}: tensor model.layers.1.self_attn.k_proj.weight has shape [64, 64], expected [32, 64] " +
            "from config.json", error.Message);
    }

    [SharedDataFact]
    public async Task Names_the_files_and_the_tensor_that_is_missing()
    {
        using var folder = CopyFixture("tiny-qwen2");
        var path = folder.File(SafetensorsFile.FileName);
        var weights = SafetensorsFile.Read(path);
        weights.Remove("model.layers.0.self_attn.q_proj.bias");
        await SafetensorsFile.WriteAsync(path, weights, CancellationToken.None);

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(folder.Path));

        Assert.Equal($"{path}: missing tensor model.layers.0.self_attn.q_proj.bias, which a Qwen2 model with this " +
            "config.json needs", error.Message);
    }

    [SharedDataFact]
    public async Task Names_the_file_and_the_tensor_a_truncated_checkpoint_cuts()
    {
        using var folder = CopyFixture("tiny-gpt2");
        var path = folder.File(SafetensorsFile.FileName);
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes[..^100]);

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(folder.Path));

        Assert.StartsWith(
            $"{path}: truncated safetensors file: tensor transformer.wte.weight ends at byte", error.Message);
    }

    [SharedDataFact]
    public void Names_the_config_file_of_an_unknown_architecture()
    {
        using var folder = CopyFixture("tiny-llama");
        var config = folder.File("config.json");
        File.WriteAllText(
            config, File.ReadAllText(config).Replace("\"llama\"", "\"falcon\"", StringComparison.Ordinal));

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(folder.Path));

        Assert.StartsWith($"{config}: model_type: expected an architecture we implement", error.Message);
    }

    [Theory]
    [InlineData(ModelArchitecture.Gpt2)]
    [InlineData(ModelArchitecture.Llama)]
    [InlineData(ModelArchitecture.Qwen2)]
    [InlineData(ModelArchitecture.Gemma2)]
    [InlineData(ModelArchitecture.Gemma3)]
    [InlineData(ModelArchitecture.Phi3)]
    [InlineData(ModelArchitecture.SmolLm3)]
    public void Counts_parameters_from_the_config_as_the_modules_hold_them(ModelArchitecture architecture)
    {
        var config = ModelPresets.Create(architecture, ModelPreset.Tiny, vocabSize: 300);

        using var model = new CausalLanguageModel(config);

        Assert.Equal(model.parameters().Sum(parameter => parameter.numel()), config.ParameterCount());
    }

    private static TemporaryFolder CopyFixture(string fixture)
    {
        var folder = new TemporaryFolder();
        foreach (var file in Directory.GetFiles(ReferenceFixture.Folder(fixture)))
        {
            File.Copy(file, folder.File(Path.GetFileName(file)));
        }
        return folder;
    }

    private static void AssertSameLogits(string fixture, CausalLanguageModel model)
    {
        using var reference = Checkpoint.Load(ReferenceFixture.Folder(fixture));
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var ids = tensor(ReferenceFixture.Cases(fixture)[0].InputIds).unsqueeze(0);

        TensorAssert.Identical(reference.Logits(ids), model.Logits(ids), $"{fixture} logits");
    }
}
