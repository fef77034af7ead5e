using SelfInstruct.Model;
using SelfInstruct.Model.Lora;
using SelfInstruct.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace SelfInstruct.Tests.Model.Lora;

/// <summary>Attaching, training and merging adapters on tiny GPT-2, Llama and Qwen2 models.</summary>
[Collection(TorchSharpTests.Name)]
public sealed class LoraAdaptersTests
{
    private const double Tolerance = 1e-5;

    [Theory]
    [InlineData(ModelArchitecture.Gpt2)]
    [InlineData(ModelArchitecture.Llama)]
    public void Leaves_the_output_unchanged_while_B_is_zero(ModelArchitecture architecture)
    {
        using var local = LoraFixtures.NewModel(architecture);
        using var before = LoraFixtures.Logits(local.Model);
        var options = new LoraOptions { TargetModules = LoraFixtures.AllLinears(architecture) };

        using var adapters = LoraAdapters.Attach(local.Model, options, seed: 1);
        using var after = LoraFixtures.Logits(local.Model);

        Assert.Equal(0, TensorAssert.MaxDifference(before, after));
        Assert.All(adapters.NamedParameters, pair =>
        {
            var isB = pair.Name.EndsWith(".lora_B.weight", StringComparison.Ordinal);
            var isZero = pair.Parameter.count_nonzero().item<long>() == 0;
            Assert.True(isB == isZero, $"{pair.Name}: B must start at zero and A must not");
        });
    }

    [Theory]
    [InlineData(ModelArchitecture.Gpt2)]
    [InlineData(ModelArchitecture.Llama)]
    [InlineData(ModelArchitecture.Qwen2)]
    public async Task Merged_weights_give_the_adapted_logits_also_after_a_checkpoint_round_trip(
        ModelArchitecture architecture)
    {
        using var folder = new TemporaryFolder();
        using var local = LoraFixtures.NewModel(architecture);
        using var baseLogits = LoraFixtures.Logits(local.Model);
        var options = new LoraOptions { TargetModules = LoraFixtures.AllLinears(architecture), Rank = 4 };
        using var adapters = LoraAdapters.Attach(local.Model, options, seed: 1);
        LoraFixtures.Randomize(adapters, seed: 2);
        using var adapted = LoraFixtures.Logits(local.Model);

        adapters.Merge();
        using var merged = LoraFixtures.Logits(local.Model);
        await local.SaveAsync(Path.Combine(folder.Path, "merged"), CancellationToken.None);
        using var reloaded = LocalModel.Load(Path.Combine(folder.Path, "merged"));
        using var reloadedLogits = LoraFixtures.Logits(reloaded.Model);

        Assert.True(TensorAssert.MaxDifference(baseLogits, adapted) > 1e-3, "the adapters changed nothing");
        Assert.InRange(TensorAssert.MaxDifference(adapted, merged), 0, Tolerance);
        Assert.InRange(TensorAssert.MaxDifference(adapted, reloadedLogits), 0, Tolerance);
        Assert.Equal(["config.json", "generation_config.json", "merges.txt", "model.safetensors",
            "tokenizer_config.json", "vocab.json"],
            Directory.GetFiles(Path.Combine(folder.Path, "merged")).Select(Path.GetFileName).Order());
        Assert.All(local.Model.parameters(), parameter => Assert.True(parameter.requires_grad));
    }

    [Fact]
    public void Names_the_parameters_like_peft_with_their_shapes()
    {
        using var local = LoraFixtures.NewModel(ModelArchitecture.Llama);

        using var adapters = LoraAdapters.Attach(local.Model, new LoraOptions { Rank = 4 }, seed: 1);

        var expected = Enumerable.Range(0, 2).SelectMany(layer => new[]
        {
            ($"base_model.model.model.layers.{layer}.self_attn.q_proj.lora_A.weight", new long[] { 4, 64 }),
            ($"base_model.model.model.layers.{layer}.self_attn.q_proj.lora_B.weight", new long[] { 64, 4 }),
            ($"base_model.model.model.layers.{layer}.self_attn.v_proj.lora_A.weight", new long[] { 4, 64 }),
            // v_proj is [32, 64]: the tiny Llama has two key/value heads of 16
            ($"base_model.model.model.layers.{layer}.self_attn.v_proj.lora_B.weight", new long[] { 32, 4 }),
        });
        Assert.Equal(expected, adapters.NamedParameters.Select(pair => (pair.Name, pair.Parameter.shape)));
        Assert.All(adapters.NamedParameters, pair => Assert.Equal(ScalarType.Float32, pair.Parameter.dtype));
    }

    [Fact]
    public void Trains_only_the_adapters()
    {
        using var local = LoraFixtures.NewModel(ModelArchitecture.Llama);
        var options = new LoraOptions { TargetModules = LoraFixtures.AllLinears(ModelArchitecture.Llama) };
        using var adapters = LoraAdapters.Attach(local.Model, options, seed: 1);
        LoraFixtures.Randomize(adapters, seed: 2);
        local.Model.train();

        using (var scope = NewDisposeScope())
        {
            var inputIds = LoraFixtures.InputIds();
            var logits = local.Model.Logits(inputIds);
            // batch × sequence, vocab against the input ids themselves: any loss that reaches every layer will do
            var loss = nn.functional.cross_entropy(logits.view(-1, logits.shape[^1]), inputIds.view(-1));
            loss.backward();
        }

        Assert.All(local.Model.named_parameters(), pair =>
        {
            Assert.False(pair.parameter.requires_grad, $"{pair.name} requires grad");
            Assert.Null(pair.parameter.grad);
        });
        Assert.All(adapters.NamedParameters, pair =>
        {
            Assert.True(pair.Parameter.requires_grad, $"{pair.Name} is frozen");
            Assert.True(pair.Parameter.grad is { } grad && grad.abs().max().item<float>() > 0, $"{pair.Name}: no grad");
        });
    }

    [Fact]
    public void Drops_out_adapter_inputs_in_train_mode_only()
    {
        using var local = LoraFixtures.NewModel(ModelArchitecture.Llama);
        using var adapters = LoraAdapters.Attach(local.Model, new LoraOptions { Dropout = 0.5 }, seed: 1);
        LoraFixtures.Randomize(adapters, seed: 2);

        using var eval1 = LoraFixtures.Logits(local.Model);
        using var eval2 = LoraFixtures.Logits(local.Model);
        local.Model.train();
        using var train1 = LoraFixtures.Logits(local.Model);
        using var train2 = LoraFixtures.Logits(local.Model);

        Assert.Equal(0, TensorAssert.MaxDifference(eval1, eval2));
        Assert.True(TensorAssert.MaxDifference(train1, train2) > 1e-4, "dropout did nothing in train mode");
    }

    [Fact]
    public void Dispose_restores_the_plain_model()
    {
        using var local = LoraFixtures.NewModel(ModelArchitecture.Qwen2);
        using var before = LoraFixtures.Logits(local.Model);
        var adapters = LoraAdapters.Attach(local.Model, new LoraOptions(), seed: 1);
        LoraFixtures.Randomize(adapters, seed: 2);

        adapters.Dispose();
        using var after = LoraFixtures.Logits(local.Model);

        Assert.Equal(0, TensorAssert.MaxDifference(before, after));
        Assert.All(local.Model.parameters(), parameter => Assert.True(parameter.requires_grad));
    }

    [Fact]
    public void Names_a_target_the_architecture_lacks()
    {
        using var local = LoraFixtures.NewModel(ModelArchitecture.Gpt2);
        var options = new LoraOptions { TargetModules = ["q_proj", "gate_proj"] };

        var error = Assert.Throws<ArgumentException>(() => LoraAdapters.Attach(local.Model, options, seed: 1));

        Assert.StartsWith("the Gpt2 model has no linear layer named gate_proj to adapt; its linear layers are " +
            "down_proj, k_proj, o_proj, q_proj, up_proj, v_proj", error.Message);
        Assert.All(local.Model.parameters(), parameter => Assert.True(parameter.requires_grad));
    }
}
