using SelfInstruct.Model;
using SelfInstruct.Model.Checkpoints;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Model.Checkpoints;

public sealed class HfGemmaConfigTests
{
    [Fact]
    public void Reads_gemma_2_with_the_config_class_defaults_for_missing_keys()
    {
        using var folder = new TemporaryFolder();
        var path = Write(folder, "gemma2", json =>
        {
            json.Remove("attn_logit_softcapping");
            json.Remove("final_logit_softcapping");
            json.Remove("query_pre_attn_scalar");
            json.Remove("sliding_window");
        });

        var config = HfConfigFile.Read(path);

        Assert.Equal(ModelArchitecture.Gemma2, config.Architecture);
        Assert.Equal((50.0, 30.0, 256.0), (config.AttentionLogitSoftcap, config.FinalLogitSoftcap,
            config.QueryPreAttentionScalar));
        Assert.Equal(4096, config.SlidingWindow);
        Assert.Equal([true, false], [config.UsesSlidingWindow(0), config.UsesSlidingWindow(1)]);
        Assert.True(config.TieWordEmbeddings);
    }

    [Fact]
    public void Reads_gemma_3_local_and_global_layers_and_their_rotary_bases()
    {
        var config = HfConfigFile.Read(Path.Combine(ModelFixture.Folder("gemma3-text"), HfConfigFile.FileName));

        Assert.Equal(ModelArchitecture.Gemma3, config.Architecture);
        Assert.Equal([true, true, false], Enumerable.Range(0, 3).Select(config.UsesSlidingWindow).ToArray());
        Assert.Equal((1_000_000.0, 100.0), (config.RopeTheta, config.LocalRopeTheta));
        Assert.Equal(RopeScalingType.Linear, config.RopeScaling?.Type);
        Assert.Null(config.AttentionLogitSoftcap);
        Assert.Null(config.FinalLogitSoftcap);
        Assert.True(config.QkNorm);
    }

    [Theory]
    [InlineData("gemma2", "hidden_activation", "\"gelu\"", "expected gelu_pytorch_tanh, found gelu")]
    [InlineData("gemma3-text", "use_bidirectional_attention", "true", "expected false (causal attention)")]
    [InlineData("gemma3-text", "layer_types", "[\"full_attention\", \"sliding_attention\", \"full_attention\"]",
        "expected 3 entries of sliding_attention with full_attention on every n-th layer")]
    [InlineData("gemma3-text", "rope_parameters", "{\"full_attention\": {\"rope_type\": \"default\"}}",
        "expected rope_theta, rope_scaling and rope_local_base_freq")]
    public void Refuses_what_it_does_not_implement_naming_the_file_and_the_field(
        string fixture, string key, string value, string message)
    {
        using var folder = new TemporaryFolder();
        var path = Write(folder, fixture, json => json[key] = JsonNode.Parse(value));

        var error = Assert.Throws<InvalidDataException>(() => HfConfigFile.Read(path));

        Assert.StartsWith($"{path}: {key}: {message}", error.Message);
    }

    private static string Write(TemporaryFolder folder, string fixture, Action<JsonObject> change)
    {
        var source = Path.Combine(ModelFixture.Folder(fixture), HfConfigFile.FileName);
        var json = JsonNode.Parse(File.ReadAllText(source))!.AsObject();
        change(json);
        var path = folder.File(HfConfigFile.FileName);
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }
}
