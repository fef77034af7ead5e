using SelfInstruct.Model;
using SelfInstruct.Model.Checkpoints;
using SelfInstruct.Model.Generation;
using SelfInstruct.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace SelfInstruct.Tests.Model;

/// <summary>
/// Qwen3, Mistral, Phi-3, SmolLM3, Gemma 2, Gemma 3, Llama's rope scaling, biases and head dimension, and Qwen2's
/// sliding window reproduce the references in tests/Fixtures/Models, loaded through the checkpoint loader like any
/// downloaded model.
/// </summary>
[Collection(TorchSharpTests.Name)]
public sealed class ModelFamilyTests
{
    private const double Tolerance = 1e-4;

    public static TheoryData<string> Fixtures => new(ModelFixture.Names);

    // Dynamic NTK picks its frequencies by the sequence length of each call, so cached keys keep the frequencies
    // of the call that made them, as in transformers: decoding with the cache is not a full recomputation there
    // (the reference's cached logits differ from recomputed ones by up to 0.39), and is checked against the
    // reference's own cached decoding instead.
    public static TheoryData<string> CacheExactFixtures =>
        new(ModelFixture.Names.Where(name => name != "llama-dynamic"));

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Reproduces_the_reference_logits_at_every_position(string name)
    {
        var fixture = ModelFixture.Read(name);
        using var model = Checkpoint.Load(ModelFixture.Folder(name));
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();

        var logits = model.Logits(tensor(fixture.InputIds).unsqueeze(0));

        TensorAssert.Close(fixture.Logits, logits, Tolerance, $"{name} logits");
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void The_config_counts_the_parameters_the_checkpoint_stores(string name)
    {
        var config = HfConfigFile.Read(Path.Combine(ModelFixture.Folder(name), HfConfigFile.FileName));

        Assert.Equal(Checkpoint.CountParameters(ModelFixture.Folder(name)), config.ParameterCount());
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Greedy_decoding_without_the_cache_reproduces_the_reference_continuation(string name)
    {
        var fixture = ModelFixture.Read(name);
        using var model = Checkpoint.Load(ModelFixture.Folder(name));
        var options = GenerationOptions.Greedy(fixture.GreedyNewTokenIds.Length) with { UseKvCache = false };

        var result = new TokenGenerator(model).Generate([Ints(fixture.InputIds)], options, []);

        Assert.Equal(Ints(fixture.GreedyNewTokenIds), result[0].TokenIds);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Greedy_decoding_with_the_cache_reproduces_the_reference_cached_continuation(string name)
    {
        var fixture = ModelFixture.Read(name);
        using var model = Checkpoint.Load(ModelFixture.Folder(name));
        var options = GenerationOptions.Greedy(fixture.CachedNewTokenIds.Length);

        var result = new TokenGenerator(model).Generate([Ints(fixture.InputIds)], options, []);

        Assert.Equal(Ints(fixture.CachedNewTokenIds), result[0].TokenIds);
    }

    [Theory]
    [MemberData(nameof(CacheExactFixtures))]
    public void Decoding_one_token_at_a_time_through_the_cache_equals_full_recomputation(string name)
    {
        var fixture = ModelFixture.Read(name);
        var all = fixture.InputIds.Concat(fixture.GreedyNewTokenIds).ToArray();
        using var model = Checkpoint.Load(ModelFixture.Folder(name));
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var cache = new KvCache(model.Config.LayerCount);

        var full = model.Logits(tensor(all).unsqueeze(0));
        var steps = all.Select(id => model.Logits(tensor(new[] { id }).unsqueeze(0), cache: cache)).ToList();

        for (var i = 0; i < steps.Count; i++)
        {
            var difference = TensorAssert.MaxDifference(full.narrow(1, i, 1), steps[i]);
            Assert.True(difference <= Tolerance, $"{name} position {i}: {difference:E3} > {Tolerance:E0}");
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Decoding_through_the_cache_reproduces_the_reference_cached_logits(string name)
    {
        var fixture = ModelFixture.Read(name);
        using var model = Checkpoint.Load(ModelFixture.Folder(name));
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var cache = new KvCache(model.Config.LayerCount);

        var rows = new List<Tensor> { model.Logits(tensor(fixture.InputIds).unsqueeze(0), cache: cache).select(1, -1) };
        foreach (var id in fixture.CachedNewTokenIds.SkipLast(1))
        {
            rows.Add(model.Logits(tensor(new[] { id }).unsqueeze(0), cache: cache).select(1, -1));
        }

        TensorAssert.Close(fixture.CachedLogits, cat(rows, 0), Tolerance, $"{name} cached logits");
        Assert.Equal(fixture.CachedNewTokenIds, cat(rows, 0).argmax(-1).data<long>().ToArray());
    }

    [Theory]
    [InlineData("qwen2-window")]
    [InlineData("mistral-window")]
    [InlineData("phi3-window")]
    [InlineData("gemma2")]
    [InlineData("gemma3-text")]
    public void A_left_padded_batch_continues_each_prompt_as_it_would_alone(string name)
    {
        var fixture = ModelFixture.Read(name);
        using var model = Checkpoint.Load(ModelFixture.Folder(name));
        var options = GenerationOptions.Greedy(6);
        var generator = new TokenGenerator(model);
        var shorter = Ints(fixture.InputIds[3..]);

        var batch = generator.Generate([Ints(fixture.InputIds), shorter], options, []);
        var alone = generator.Generate([shorter], options with { UseKvCache = false }, []);

        Assert.Equal(Ints(fixture.GreedyNewTokenIds), batch[0].TokenIds.Take(fixture.GreedyNewTokenIds.Length));
        Assert.Equal(alone[0].TokenIds, batch[1].TokenIds);
    }

    [Theory]
    [InlineData("qwen2-window", "use_sliding_window", "false")]
    [InlineData("mistral-window", "sliding_window", "null")]
    [InlineData("llama-llama3-bias", "rope_scaling", "null")]
    [InlineData("llama-linear", "rope_parameters", "{\"rope_type\": \"default\", \"rope_theta\": 500.0}")]
    [InlineData("phi3-window", "sliding_window", "null")]
    [InlineData("smollm3-nope", "no_rope_layer_interval", "4")]
    [InlineData("smollm3-nope", "no_rope_layers", "[1, 1, 1]")]
    [InlineData("gemma2", "attn_logit_softcapping", "null")]
    [InlineData("gemma2", "final_logit_softcapping", "null")]
    [InlineData("gemma2", "query_pre_attn_scalar", "16")]
    [InlineData("gemma2", "sliding_window", "null")]
    [InlineData("gemma3-text", "rope_local_base_freq", "1000000.0")]
    [InlineData("gemma3-text", "rope_scaling", "null")]
    [InlineData("gemma3-text", "layer_types", "[\"sliding_attention\", \"full_attention\", \"sliding_attention\"]")]
    public void Without_the_feature_the_logits_move_away_from_the_reference(string name, string key, string value)
    {
        using var folder = new TemporaryFolder();
        foreach (var file in Directory.GetFiles(ModelFixture.Folder(name)))
        {
            File.Copy(file, folder.File(Path.GetFileName(file)));
        }
        var json = JsonNode.Parse(File.ReadAllText(folder.File("config.json")))!.AsObject();
        json[key] = JsonNode.Parse(value);
        File.WriteAllText(folder.File("config.json"), json.ToJsonString());
        var fixture = ModelFixture.Read(name);

        var difference = LogitsDifference(folder.Path, fixture);

        Assert.True(difference > 1e-2, $"{name} without {key}: logits within {difference:E3} of the reference");
    }

    [Theory]
    [InlineData("gemma2")]
    [InlineData("gemma3-text")]
    public void The_training_loss_equals_cross_entropy_of_the_logits_final_soft_capping_included(string name)
    {
        var fixture = ModelFixture.Read(name);
        using var model = Checkpoint.Load(ModelFixture.Folder(name));
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var ids = tensor(fixture.InputIds).unsqueeze(0);
        var length = fixture.InputIds.Length;

        var loss = model.Loss(ids, ids);
        var logits = model.Logits(ids).squeeze(0).narrow(0, 0, length - 1);
        var expected = nn.functional.cross_entropy(logits, ids.squeeze(0).narrow(0, 1, length - 1));

        Assert.Equal(expected.item<float>(), loss.item<float>(), 4);
    }

    [Fact]
    public async Task Phi3_saves_its_fused_projections_and_loads_them_back_to_the_same_logits()
    {
        using var folder = new TemporaryFolder();
        using var model = Checkpoint.Load(ModelFixture.Folder("phi3-window"));
        await Checkpoint.SaveAsync(model, folder.Path, CancellationToken.None);
        using var reloaded = Checkpoint.Load(folder.Path);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var ids = tensor(ModelFixture.Read("phi3-window").InputIds).unsqueeze(0);

        var names = SafetensorsFile.ReadHeader(folder.File(SafetensorsFile.FileName)).Select(entry => entry.Name);

        Assert.Contains("model.layers.1.self_attn.qkv_proj.weight", names);
        Assert.Contains("model.layers.1.mlp.gate_up_proj.weight", names);
        Assert.DoesNotContain("model.layers.1.self_attn.q_proj.weight", names);
        TensorAssert.Identical(model.Logits(ids), reloaded.Logits(ids), "phi3 logits after a save");
    }

    [Fact]
    public void Dynamic_scaling_stretches_the_context_by_its_factor_and_changes_only_longer_sequences()
    {
        var fixture = ModelFixture.Read("llama-dynamic");
        using var model = Checkpoint.Load(ModelFixture.Folder("llama-dynamic"));
        using var unscaled = new CausalLanguageModel(
            model.Config with { RopeScaling = null, MaxPositions = model.Config.ContextLength });
        unscaled.load_state_dict(model.state_dict());
        unscaled.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();

        var atMost = tensor(fixture.InputIds[..model.Config.MaxPositions]).unsqueeze(0);
        var beyond = tensor(fixture.InputIds).unsqueeze(0);

        Assert.Equal(2 * model.Config.MaxPositions, model.Config.ContextLength);
        Assert.True(TensorAssert.MaxDifference(model.Logits(atMost), unscaled.Logits(atMost)) <= 1e-6);
        Assert.True(TensorAssert.MaxDifference(model.Logits(beyond), unscaled.Logits(beyond)) > 1e-2);
    }

    private static double LogitsDifference(string folder, ModelFixture fixture)
    {
        using var model = Checkpoint.Load(folder);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var logits = model.Logits(tensor(fixture.InputIds).unsqueeze(0));
        using var expected = tensor(fixture.Logits.SelectMany(row => row).ToArray(), [1, fixture.Logits.Length,
            fixture.Logits[0].Length]);
        return TensorAssert.MaxDifference(expected, logits);
    }

    private static List<int> Ints(long[] ids) => ids.Select(id => (int)id).ToList();
}
