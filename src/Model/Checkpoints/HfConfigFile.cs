namespace SelfInstruct.Model.Checkpoints;

/// <summary>
/// Reads and writes a Hugging Face <c>config.json</c> for GPT-2, Llama and Qwen2. Accepts both key spellings that
/// transformers has used: <c>torch_dtype</c> or <c>dtype</c>, top-level <c>rope_theta</c> or
/// <c>rope_parameters.rope_theta</c>. A GPT-2 config without <c>tie_word_embeddings</c> means tied, as in
/// <c>PretrainedConfig</c>. Writes the keys transformers 4.x writes, so other tools load the result as is.
/// </summary>
public static class HfConfigFile
{
    /// <summary>The file name inside a checkpoint folder.</summary>
    public const string FileName = "config.json";

    /// <summary>Reads and validates a config file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is malformed, unsupported or inconsistent.</exception>
    public static ModelConfig Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file (a checkpoint folder needs {FileName})", path);
        }
        var json = JsonFile.ReadObject(path);
        var reader = new ConfigReader(path, json);
        var config = reader.String("model_type") switch
        {
            "gpt2" => ReadGpt2(reader),
            "llama" => ReadLlamaFamily(reader, ModelArchitecture.Llama),
            "qwen2" => ReadLlamaFamily(reader, ModelArchitecture.Qwen2),
            var other => throw DataFormatError.In(
                path, "model_type", "an architecture we implement (gpt2, llama, qwen2)", $"\"{other}\""),
        };
        config = config with
        {
            Dtype = reader.OptionalString("torch_dtype") ?? reader.OptionalString("dtype") ?? "float32",
            BosTokenId = reader.OptionalInt("bos_token_id"),
            EosTokenIds = reader.IntOrInts("eos_token_id"),
            PadTokenId = reader.OptionalInt("pad_token_id"),
        };
        var problems = config.Problems();
        return problems.Count == 0
            ? config
            : throw new InvalidDataException($"{path}: {string.Join("; ", problems)}");
    }

    /// <summary>Writes <paramref name="config"/> as the config.json transformers would write for it.</summary>
    public static void Write(ModelConfig config, string path)
    {
        var json = config.Architecture == ModelArchitecture.Gpt2 ? Gpt2Json(config) : LlamaFamilyJson(config);
        json["bos_token_id"] = config.BosTokenId;
        json["eos_token_id"] = config.EosTokenIds.Count == 1
            ? JsonValue.Create(config.EosTokenIds[0])
            : new JsonArray(config.EosTokenIds.Select(id => (JsonNode?)JsonValue.Create(id)).ToArray());
        if (config.PadTokenId is { } pad)
        {
            json["pad_token_id"] = pad;
        }
        json["tie_word_embeddings"] = config.TieWordEmbeddings;
        json["torch_dtype"] = config.Dtype;
        json["use_cache"] = true;
        json["vocab_size"] = config.VocabSize;
        var sorted = new JsonObject(json.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => KeyValuePair.Create(pair.Key, pair.Value?.DeepClone())));
        var text = sorted.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        File.WriteAllText(path, text);
    }

    private static ModelConfig ReadGpt2(ConfigReader reader)
    {
        var activation = reader.OptionalString("activation_function") ?? "gelu_new";
        if (activation is not ("gelu_new" or "gelu_pytorch_tanh"))
        {
            throw reader.Error("activation_function", "gelu_new (GELU, tanh approximation)", activation);
        }
        if (reader.OptionalBool("scale_attn_by_inverse_layer_idx") is true)
        {
            throw reader.Error("scale_attn_by_inverse_layer_idx", "false", "true");
        }
        var hidden = reader.Int("n_embd");
        var heads = reader.Int("n_head");
        return new ModelConfig
        {
            Architecture = ModelArchitecture.Gpt2,
            VocabSize = reader.Int("vocab_size"),
            HiddenSize = hidden,
            IntermediateSize = reader.OptionalInt("n_inner") ?? 4 * hidden,
            LayerCount = reader.Int("n_layer"),
            HeadCount = heads,
            KeyValueHeadCount = heads,
            HeadDimension = heads > 0 ? hidden / heads : 0,
            MaxPositions = reader.Int("n_positions"),
            NormEpsilon = reader.OptionalDouble("layer_norm_epsilon") ?? 1e-5,
            TieWordEmbeddings = reader.OptionalBool("tie_word_embeddings") ?? true,
            QkvBias = true,
            OutputBias = true,
            MlpBias = true,
        };
    }

    private static ModelConfig ReadLlamaFamily(ConfigReader reader, ModelArchitecture architecture)
    {
        var activation = reader.OptionalString("hidden_act") ?? "silu";
        if (activation != "silu")
        {
            throw reader.Error("hidden_act", "silu", activation);
        }
        if (reader.OptionalBool("use_sliding_window") is true)
        {
            throw reader.Error("use_sliding_window", "false (sliding-window attention is not implemented)", "true");
        }
        var hidden = reader.Int("hidden_size");
        var heads = reader.Int("num_attention_heads");
        var attentionBias = reader.OptionalBool("attention_bias") ?? false;
        return new ModelConfig
        {
            Architecture = architecture,
            VocabSize = reader.Int("vocab_size"),
            HiddenSize = hidden,
            IntermediateSize = reader.Int("intermediate_size"),
            LayerCount = reader.Int("num_hidden_layers"),
            HeadCount = heads,
            KeyValueHeadCount = reader.OptionalInt("num_key_value_heads") ?? heads,
            HeadDimension = reader.OptionalInt("head_dim") ?? (heads > 0 ? hidden / heads : 0),
            MaxPositions = reader.Int("max_position_embeddings"),
            NormEpsilon = reader.OptionalDouble("rms_norm_eps") ?? 1e-6,
            RopeTheta = RopeTheta(reader),
            TieWordEmbeddings = reader.OptionalBool("tie_word_embeddings") ?? false,
            QkvBias = architecture == ModelArchitecture.Qwen2 || attentionBias,
            OutputBias = architecture == ModelArchitecture.Llama && attentionBias,
            MlpBias = reader.OptionalBool("mlp_bias") ?? false,
        };
    }

    private static double RopeTheta(ConfigReader reader)
    {
        var parameters = reader.OptionalObject("rope_parameters");
        var scaling = reader.OptionalObject("rope_scaling") ?? parameters;
        var ropeType = scaling?["rope_type"]?.GetValue<string>() ?? scaling?["type"]?.GetValue<string>() ?? "default";
        if (ropeType != "default")
        {
            throw reader.Error("rope_scaling", "no scaling (rope_type default)", $"rope_type {ropeType}");
        }
        return reader.OptionalDouble("rope_theta")
            ?? parameters?["rope_theta"]?.GetValue<double>()
            ?? 10000;
    }

    private static JsonObject Gpt2Json(ModelConfig config) => new()
    {
        ["activation_function"] = "gelu_new",
        ["architectures"] = new JsonArray("GPT2LMHeadModel"),
        ["layer_norm_epsilon"] = config.NormEpsilon,
        ["model_type"] = "gpt2",
        ["n_embd"] = config.HiddenSize,
        ["n_head"] = config.HeadCount,
        ["n_inner"] = config.IntermediateSize,
        ["n_layer"] = config.LayerCount,
        ["n_positions"] = config.MaxPositions,
    };

    private static JsonObject LlamaFamilyJson(ModelConfig config)
    {
        var qwen2 = config.Architecture == ModelArchitecture.Qwen2;
        var json = new JsonObject
        {
            ["architectures"] = new JsonArray(qwen2 ? "Qwen2ForCausalLM" : "LlamaForCausalLM"),
            ["head_dim"] = config.HeadDimension,
            ["hidden_act"] = "silu",
            ["hidden_size"] = config.HiddenSize,
            ["intermediate_size"] = config.IntermediateSize,
            ["max_position_embeddings"] = config.MaxPositions,
            ["model_type"] = qwen2 ? "qwen2" : "llama",
            ["num_attention_heads"] = config.HeadCount,
            ["num_hidden_layers"] = config.LayerCount,
            ["num_key_value_heads"] = config.KeyValueHeadCount,
            ["rms_norm_eps"] = config.NormEpsilon,
            ["rope_scaling"] = null,
            ["rope_theta"] = config.RopeTheta,
        };
        if (qwen2)
        {
            json["use_sliding_window"] = false;
        }
        else
        {
            json["attention_bias"] = config.QkvBias;
            json["mlp_bias"] = config.MlpBias;
        }
        return json;
    }

    /// <summary>Typed access to config keys with errors that name the file and the key.</summary>
    private sealed class ConfigReader(string path, JsonObject json)
    {
        public InvalidDataException Error(string key, string expected, string found) =>
            DataFormatError.In(path, key, expected, found);

        public string String(string key) => OptionalString(key) ?? throw Error(key, "a string", "nothing");

        public int Int(string key) => OptionalInt(key) ?? throw Error(key, "an integer", "nothing");

        public string? OptionalString(string key) => Get(key, "a string", node => node.GetValue<string>());

        public int? OptionalInt(string key) => Get(key, "an integer", node => (int?)node.GetValue<int>());

        public double? OptionalDouble(string key) => Get(key, "a number", node => (double?)node.GetValue<double>());

        public bool? OptionalBool(string key) => Get(key, "true or false", node => (bool?)node.GetValue<bool>());

        public JsonObject? OptionalObject(string key) => Get(key, "an object", node => node.AsObject());

        public List<int> IntOrInts(string key) => json[key] switch
        {
            null => [],
            JsonArray array => Get(key, "an integer or a list of integers",
                _ => array.Select(item => item!.GetValue<int>()).ToList())!,
            _ => [Int(key)],
        };

        private T? Get<T>(string key, string expected, Func<JsonNode, T> read)
        {
            var node = json[key];
            if (node is null)
            {
                return default;
            }
            try
            {
                return read(node);
            }
            catch (Exception exception) when (exception is InvalidOperationException or FormatException)
            {
                throw Error(key, expected, node.ToJsonString());
            }
        }
    }
}
