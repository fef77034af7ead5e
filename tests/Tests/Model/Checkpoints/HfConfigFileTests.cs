using SelfInstruct.Model;
using SelfInstruct.Model.Checkpoints;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Model.Checkpoints;

public sealed class HfConfigFileTests
{
    [SharedDataFact]
    public void Reads_gpt2_with_a_missing_tie_key_as_tied_and_a_null_inner_size_as_four_times_hidden()
    {
        var config = HfConfigFile.Read(Path.Combine(ReferenceFixture.Folder("tiny-gpt2"), "config.json"));

        Assert.Equal(ModelArchitecture.Gpt2, config.Architecture);
        Assert.True(config.TieWordEmbeddings);
        Assert.Equal(256, config.IntermediateSize);
        Assert.Equal(16, config.HeadDimension);
        Assert.Equal(128, config.MaxPositions);
        Assert.True(config.QkvBias && config.OutputBias && config.MlpBias);
        Assert.Equal([511], config.EosTokenIds);
    }

    [SharedDataFact]
    public void Reads_llama_with_grouped_query_attention_and_an_untied_head()
    {
        var config = HfConfigFile.Read(Path.Combine(ReferenceFixture.Folder("tiny-llama"), "config.json"));

        Assert.Equal(ModelArchitecture.Llama, config.Architecture);
        Assert.Equal((4, 2, 16), (config.HeadCount, config.KeyValueHeadCount, config.HeadDimension));
        Assert.False(config.TieWordEmbeddings);
        Assert.False(config.QkvBias || config.OutputBias || config.MlpBias);
        Assert.Equal(10000, config.RopeTheta);
    }

    [SharedDataFact]
    public void Reads_qwen2_with_qkv_biases_and_the_head_dimension_from_hidden_size()
    {
        var config = HfConfigFile.Read(Path.Combine(ReferenceFixture.Folder("tiny-qwen2"), "config.json"));

        Assert.Equal(ModelArchitecture.Qwen2, config.Architecture);
        Assert.True(config.QkvBias);
        Assert.False(config.OutputBias);
        Assert.True(config.TieWordEmbeddings);
        Assert.Equal(16, config.HeadDimension);
        Assert.Equal(1_000_000, config.RopeTheta);
    }

    [Fact]
    public void Accepts_the_newer_dtype_and_rope_parameters_spellings()
    {
        using var folder = new TemporaryFolder();
        var path = WriteJson(folder, LlamaJson(json =>
        {
            json["dtype"] = "bfloat16";
            json["rope_parameters"] = new JsonObject { ["rope_type"] = "default", ["rope_theta"] = 500000.0 };
        }));

        var config = HfConfigFile.Read(path);

        Assert.Equal("bfloat16", config.Dtype);
        Assert.Equal(500000, config.RopeTheta);
    }

    [Fact]
    public void Names_the_file_and_the_key_of_an_unknown_architecture()
    {
        using var folder = new TemporaryFolder();
        var path = WriteJson(folder, LlamaJson(json => json["model_type"] = "mamba"));

        var error = Assert.Throws<InvalidDataException>(() => HfConfigFile.Read(path));

        Assert.Equal($"{path}: model_type: expected an architecture we implement (gpt2, llama, qwen2), found \"mamba\"",
            error.Message);
    }

    [Fact]
    public void Reports_every_inconsistent_size_at_once()
    {
        using var folder = new TemporaryFolder();
        var path = WriteJson(folder, LlamaJson(json =>
        {
            json["num_key_value_heads"] = 3;
            json["vocab_size"] = 0;
        }));

        var error = Assert.Throws<InvalidDataException>(() => HfConfigFile.Read(path));

        Assert.Contains("vocab_size must be positive, found 0", error.Message);
        Assert.Contains("num_key_value_heads must divide num_attention_heads, found 3 and 4", error.Message);
    }

    [Theory]
    [InlineData(ModelArchitecture.Gpt2)]
    [InlineData(ModelArchitecture.Llama)]
    [InlineData(ModelArchitecture.Qwen2)]
    public void Writes_a_config_that_reads_back_equal(ModelArchitecture architecture)
    {
        using var folder = new TemporaryFolder();
        var config = ModelPresets.Create(architecture, ModelPreset.Tiny, vocabSize: 300) with
        {
            BosTokenId = 1,
            EosTokenIds = [2, 3],
            PadTokenId = 0,
        };

        HfConfigFile.Write(config, folder.File("config.json"));
        var read = HfConfigFile.Read(folder.File("config.json"));

        Assert.Equivalent(config, read, strict: true);
    }

    private static string WriteJson(TemporaryFolder folder, JsonObject json)
    {
        var path = folder.File("config.json");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    private static JsonObject LlamaJson(Action<JsonObject> change)
    {
        var json = new JsonObject
        {
            ["model_type"] = "llama",
            ["vocab_size"] = 512,
            ["hidden_size"] = 64,
            ["intermediate_size"] = 176,
            ["num_hidden_layers"] = 2,
            ["num_attention_heads"] = 4,
            ["num_key_value_heads"] = 2,
            ["max_position_embeddings"] = 128,
        };
        change(json);
        return json;
    }
}
