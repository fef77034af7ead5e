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

        Assert.Equal($"{path}: model_type: expected an architecture we implement (gpt2, llama, qwen2, qwen3, " +
            "mistral, gemma2, gemma3_text, phi3, smollm3), found \"mamba\"", error.Message);
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
    [InlineData(ModelArchitecture.Qwen3)]
    [InlineData(ModelArchitecture.Mistral)]
    [InlineData(ModelArchitecture.Gemma2)]
    [InlineData(ModelArchitecture.Gemma3)]
    [InlineData(ModelArchitecture.Phi3)]
    [InlineData(ModelArchitecture.SmolLm3)]
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

    [Fact]
    public void Reads_llama_3_2_1b_with_llama3_rope_scaling_and_an_explicit_head_dimension()
    {
        using var folder = new TemporaryFolder();
        var path = WriteJson(folder, LlamaJson(json =>
        {
            (json["hidden_size"], json["num_attention_heads"], json["num_key_value_heads"]) = (2048, 32, 8);
            (json["head_dim"], json["rope_theta"], json["attention_bias"], json["mlp_bias"]) = (64, 500000.0, false,
                false);
            json["rope_scaling"] = new JsonObject
            {
                ["factor"] = 32.0,
                ["high_freq_factor"] = 4.0,
                ["low_freq_factor"] = 1.0,
                ["original_max_position_embeddings"] = 8192,
                ["rope_type"] = "llama3",
            };
        }));

        var config = HfConfigFile.Read(path);

        Assert.Equal(new RopeScaling
        {
            Type = RopeScalingType.Llama3,
            Factor = 32,
            LowFrequencyFactor = 1,
            HighFrequencyFactor = 4,
            OriginalMaxPositions = 8192,
        }, config.RopeScaling);
        Assert.Equal((64, 500000.0), (config.HeadDimension, config.RopeTheta));
        Assert.False(config.QkvBias || config.OutputBias || config.MlpBias);
    }

    [Theory]
    [InlineData("rope_scaling", "rope_type", "yarn")]
    [InlineData("rope_scaling", "type", "longrope")]
    [InlineData("rope_parameters", "rope_type", "su")]
    public void Refuses_a_rope_type_we_do_not_implement_in_one_line_naming_the_file_and_the_field(
        string key, string typeKey, string type)
    {
        using var folder = new TemporaryFolder();
        var path = WriteJson(folder,
            LlamaJson(json => json[key] = new JsonObject { [typeKey] = type, ["factor"] = 2.0 }));

        var error = Assert.Throws<InvalidDataException>(() => HfConfigFile.Read(path));

        Assert.Equal($"{path}: {key}.{typeKey}: expected default, linear, dynamic or llama3 (yarn, longrope and the " +
            $"other rope types are not implemented), found \"{type}\"", error.Message);
    }

    [Theory]
    [InlineData("{\"rope_type\": \"llama3\", \"factor\": 8.0, \"high_freq_factor\": 4.0, " +
        "\"original_max_position_embeddings\": 8192}",
        "rope_scaling.low_freq_factor: expected a number, found nothing")]
    [InlineData("{\"type\": \"linear\"}", "rope_scaling.factor: expected a number, found nothing")]
    [InlineData("{\"type\": \"dynamic\", \"factor\": \"big\"}",
        "rope_scaling.factor: expected a number, found \"big\"")]
    [InlineData("{\"type\": \"dynamic\", \"factor\": 0.5}", "rope_scaling.factor must be at least 1, found 0.5")]
    [InlineData("{\"rope_type\": \"default\", \"partial_rotary_factor\": 0.5}",
        "rope_scaling.partial_rotary_factor: expected 1 (every dimension rotated), found 0.5")]
    public void Names_the_rope_scaling_field_that_is_missing_or_wrong(string scaling, string message)
    {
        using var folder = new TemporaryFolder();
        var path = WriteJson(folder, LlamaJson(json => json["rope_scaling"] = JsonNode.Parse(scaling)));

        var error = Assert.Throws<InvalidDataException>(() => HfConfigFile.Read(path));

        Assert.Equal($"{path}: {message}", error.Message);
    }

    [Fact]
    public void Reads_qwen3_with_its_default_head_dimension_and_attention_bias_on_all_four_projections()
    {
        using var folder = new TemporaryFolder();
        var path = WriteJson(folder, LlamaJson(json =>
        {
            json["model_type"] = "qwen3";
            json["attention_bias"] = true;
            json["mlp_bias"] = true;
        }));

        var config = HfConfigFile.Read(path);

        Assert.Equal(ModelArchitecture.Qwen3, config.Architecture);
        Assert.Equal(128, config.HeadDimension);
        Assert.True(config.QkNorm && config.QkvBias && config.OutputBias);
        Assert.False(config.MlpBias);
        Assert.Null(config.SlidingWindow);
    }

    [Theory]
    [InlineData("mistral", "{}", 4096, 0)]
    [InlineData("mistral", "{\"sliding_window\": null}", null, 0)]
    [InlineData("mistral", "{\"sliding_window\": 32}", 32, 0)]
    [InlineData("qwen2", "{\"sliding_window\": 32, \"max_window_layers\": 1}", null, 0)]
    [InlineData("qwen2", "{\"use_sliding_window\": true, \"sliding_window\": 32, \"max_window_layers\": 1}", 32, 1)]
    [InlineData("qwen2", "{\"use_sliding_window\": true, \"sliding_window\": 32, \"max_window_layers\": 2}", null, 0)]
    [InlineData("qwen3", "{\"use_sliding_window\": true}", null, 0)]
    [InlineData("qwen3", "{\"use_sliding_window\": true, \"max_window_layers\": 0}", 4096, 0)]
    [InlineData("qwen2", "{\"use_sliding_window\": true, \"sliding_window\": 32, \"max_window_layers\": 2, " +
        "\"layer_types\": [\"full_attention\", \"sliding_attention\"]}", 32, 1)]
    public void Reads_the_sliding_window_and_its_first_layer_as_transformers_does(
        string modelType, string keys, int? window, int firstLayer)
    {
        using var folder = new TemporaryFolder();
        var path = WriteJson(folder, LlamaJson(json =>
        {
            json["model_type"] = modelType;
            foreach (var (key, value) in JsonNode.Parse(keys)!.AsObject())
            {
                json[key] = value?.DeepClone();
            }
        }));

        var config = HfConfigFile.Read(path);

        Assert.Equal((window, firstLayer), (config.SlidingWindow, config.SlidingWindowFirstLayer));
    }

    [Fact]
    public void Refuses_layer_types_that_put_a_sliding_layer_before_a_full_one()
    {
        using var folder = new TemporaryFolder();
        var path = WriteJson(folder, LlamaJson(json =>
        {
            json["model_type"] = "qwen2";
            json["use_sliding_window"] = true;
            json["layer_types"] = new JsonArray("sliding_attention", "full_attention");
        }));

        var error = Assert.Throws<InvalidDataException>(() => HfConfigFile.Read(path));

        Assert.StartsWith($"{path}: layer_types: expected 2 entries, full_attention layers then sliding_attention",
            error.Message);
    }

    [Fact]
    public void Writes_rope_scaling_and_a_sliding_window_that_read_back_equal()
    {
        using var folder = new TemporaryFolder();
        var llama = ModelPresets.Create(ModelArchitecture.Llama, ModelPreset.Tiny, vocabSize: 300) with
        {
            RopeScaling = new RopeScaling { Type = RopeScalingType.Llama3, Factor = 8, OriginalMaxPositions = 64 },
            OutputBias = true,
            QkvBias = true,
            MlpBias = true,
        };
        var qwen2 = ModelPresets.Create(ModelArchitecture.Qwen2, ModelPreset.Tiny, vocabSize: 300) with
        {
            RopeScaling = new RopeScaling { Type = RopeScalingType.Dynamic, Factor = 2 },
            SlidingWindow = 16,
            SlidingWindowFirstLayer = 1,
        };

        foreach (var config in new[] { llama, qwen2 })
        {
            HfConfigFile.Write(config, folder.File("config.json"));
            Assert.Equivalent(config, HfConfigFile.Read(folder.File("config.json")), strict: true);
        }
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
