using SelfInstruct.Model;
using SelfInstruct.Model.Checkpoints;
using SelfInstruct.Model.Lora;
using SelfInstruct.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace SelfInstruct.Tests.Model.Lora;

/// <summary>Adapter folders in PEFT's layout: adapter_config.json and adapter_model.safetensors.</summary>
[Collection(TorchSharpTests.Name)]
public sealed class LoraAdapterFolderTests
{
    [Theory]
    [InlineData(ModelArchitecture.Gpt2)]
    [InlineData(ModelArchitecture.Llama)]
    public async Task Saves_an_adapter_and_loads_it_back_exactly(ModelArchitecture architecture)
    {
        using var folder = new TemporaryFolder();
        using var trained = LoraFixtures.NewModel(architecture);
        var options = new LoraOptions
        {
            Rank = 4,
            Alpha = 8,
            Dropout = 0.1,
            TargetModules = LoraFixtures.AllLinears(architecture),
        };
        using var saved = LoraAdapters.Attach(trained.Model, options, seed: 1);
        LoraFixtures.Randomize(saved, seed: 2);
        saved.BaseModelNameOrPath = "models/tiny";
        using var expected = LoraFixtures.Logits(trained.Model);

        await saved.SaveAdapterAsync(folder.Path, CancellationToken.None);
        using var fresh = LoraFixtures.NewModel(architecture);
        using var loaded = LoraAdapters.Load(fresh.Model, folder.Path);
        using var actual = LoraFixtures.Logits(fresh.Model);

        Assert.Equal(["adapter_config.json", "adapter_model.safetensors"],
            Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order());
        Assert.Equivalent(options, loaded.Options, strict: true);
        Assert.Equal("models/tiny", loaded.BaseModelNameOrPath);
        Assert.Equal(saved.NamedParameters.Select(pair => pair.Name), loaded.NamedParameters.Select(pair => pair.Name));
        foreach (var ((name, before), (_, after)) in saved.NamedParameters.Zip(loaded.NamedParameters))
        {
            TensorAssert.Identical(before, after, name);
        }
        Assert.Equal(0, TensorAssert.MaxDifference(expected, actual));
    }

    [Fact]
    public async Task Writes_the_peft_adapter_config()
    {
        using var folder = new TemporaryFolder();
        using var local = LoraFixtures.NewModel(ModelArchitecture.Llama);
        using var adapters = LoraAdapters.Attach(local.Model, new LoraOptions(), seed: 1);

        await adapters.SaveAdapterAsync(folder.Path, CancellationToken.None);

        var config = JsonNode.Parse(File.ReadAllText(folder.File("adapter_config.json")))!.AsObject();
        Assert.Equal("LORA", config["peft_type"]!.GetValue<string>());
        Assert.Equal("CAUSAL_LM", config["task_type"]!.GetValue<string>());
        Assert.Null(config["base_model_name_or_path"]);
        Assert.True(config.ContainsKey("base_model_name_or_path"));
        Assert.Equal(8, config["r"]!.GetValue<int>());
        Assert.Equal(16, config["lora_alpha"]!.GetValue<double>());
        Assert.Equal(0.05, config["lora_dropout"]!.GetValue<double>());
        Assert.Equal(["q_proj", "v_proj"], config["target_modules"]!.AsArray().Select(node => node!.ToString()));
        Assert.Equal("none", config["bias"]!.GetValue<string>());
        var header = SafetensorsFile.ReadHeader(folder.File("adapter_model.safetensors"));
        Assert.Equal(8, header.Count);
        Assert.All(header, entry => Assert.Equal(ScalarType.Float32, entry.Dtype));
        var lastKey = "base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight";
        Assert.Contains(header, entry => entry.Name == lastKey);
    }

    [Fact]
    public async Task Names_every_misshapen_and_missing_tensor_when_loading_weights()
    {
        using var folder = new TemporaryFolder();
        using var local = LoraFixtures.NewModel(ModelArchitecture.Llama);
        using (var rankFour = LoraAdapters.Attach(local.Model, new LoraOptions { Rank = 4, TargetModules = ["q_proj"] },
            seed: 1))
        {
            await rankFour.SaveAdapterAsync(folder.Path, CancellationToken.None);
        }
        using var rankEight = LoraAdapters.Attach(local.Model, new LoraOptions(), seed: 1);

        var error = Assert.Throws<InvalidDataException>(() => rankEight.LoadWeights(folder.Path));

        var prefix = "base_model.model.model.layers.0.self_attn.";
        Assert.StartsWith(folder.File("adapter_model.safetensors") + ": ", error.Message);
        Assert.Contains($"tensor {prefix}q_proj.lora_A.weight has shape [4, 64], expected [8, 64]", error.Message);
        Assert.Contains($"tensor {prefix}q_proj.lora_B.weight has shape [64, 4], expected [64, 8]", error.Message);
        Assert.Contains($"missing tensor {prefix}v_proj.lora_A.weight", error.Message);
        Assert.Contains($"missing tensor {prefix}v_proj.lora_B.weight", error.Message);
    }

    [Fact]
    public void Refuses_an_adapter_config_that_is_not_plain_lora_naming_every_field()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.File("adapter_config.json"), """
            {"peft_type": "LORA", "r": "eight", "lora_alpha": 16, "target_modules": "q_proj|v_proj",
             "bias": "all", "use_rslora": true, "use_dora": false}
            """);
        using var local = LoraFixtures.NewModel(ModelArchitecture.Llama);

        var error = Assert.Throws<InvalidDataException>(() => LoraAdapters.Load(local.Model, folder.Path));

        Assert.Equal($"{folder.File("adapter_config.json")}: bias: expected \"none\", found \"all\"; " +
            "use_rslora: expected false, found true; " +
            "target_modules: expected a list of names, found \"q_proj|v_proj\"; " +
            "r: expected a number, found \"eight\"", error.Message);
        Assert.All(local.Model.parameters(), parameter => Assert.True(parameter.requires_grad));
    }

    [Fact]
    public async Task Loads_weights_into_attached_adapters_to_resume()
    {
        using var folder = new TemporaryFolder();
        using var local = LoraFixtures.NewModel(ModelArchitecture.Qwen2);
        var options = new LoraOptions { TargetModules = ["o_proj", "down_proj"] };
        List<Tensor> snapshot;
        using (var first = LoraAdapters.Attach(local.Model, options, seed: 1))
        {
            LoraFixtures.Randomize(first, seed: 2);
            await first.SaveAdapterAsync(folder.Path, CancellationToken.None);
            snapshot = first.NamedParameters.Select(pair => pair.Parameter.detach().clone()).ToList();
        }

        using var resumed = LoraAdapters.Attach(local.Model, options, seed: 4);
        resumed.LoadWeights(folder.Path);

        foreach (var ((name, parameter), saved) in resumed.NamedParameters.Zip(snapshot))
        {
            TensorAssert.Identical(saved, parameter, name);
            Assert.True(parameter.requires_grad, $"{name} is frozen after loading");
        }
    }
}
