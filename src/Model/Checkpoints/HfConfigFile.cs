namespace SelfInstruct.Model.Checkpoints;

/// <summary>
/// Reads and writes a Hugging Face <c>config.json</c> for GPT-2, Llama, Qwen2, Qwen3, Mistral, Gemma 2 and Gemma 3's
/// text model (see <see cref="HfGemmaConfig"/>), with each config
/// class's defaults for missing keys. Accepts both key spellings that transformers has used: <c>torch_dtype</c> or
/// <c>dtype</c>, <c>rope_scaling</c> or <c>rope_parameters</c> (see <see cref="HfRopeParameters"/>). A GPT-2 config
/// without <c>tie_word_embeddings</c> means tied, as in <c>PretrainedConfig</c>. Sliding windows follow
/// transformers: Mistral's <c>sliding_window</c> (null for none) applies to every layer, Qwen's only with
/// <c>use_sliding_window</c> and from layer <c>max_window_layers</c> on (or where <c>layer_types</c> says); Phi-3's
/// (none unless given) to every layer.
/// Writes the keys transformers 4.x writes, so other tools load the result as is.
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
            "qwen3" => ReadLlamaFamily(reader, ModelArchitecture.Qwen3),
            "mistral" => ReadLlamaFamily(reader, ModelArchitecture.Mistral),
            "gemma2" => HfGemmaConfig.Read(reader, ModelArchitecture.Gemma2),
            "gemma3_text" => HfGemmaConfig.Read(reader, ModelArchitecture.Gemma3),
            "phi3" => ReadLlamaFamily(reader, ModelArchitecture.Phi3),
            "smollm3" => ReadSmolLm3(reader),
            var other => throw DataFormatError.In(path, "model_type", "an architecture we implement (gpt2, llama, " +
                "qwen2, qwen3, mistral, gemma2, gemma3_text, phi3, smollm3)", $"\"{other}\""),
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
        var json = config.Architecture == ModelArchitecture.Gpt2 ? Gpt2Json(config)
            : config.IsGemma ? HfGemmaConfig.Json(config)
            : LlamaFamilyJson(config);
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
        var hidden = reader.Int("hidden_size");
        var heads = reader.Int("num_attention_heads");
        var layers = reader.Int("num_hidden_layers");
        // Llama and Qwen3 put attention_bias on all four projections; Qwen2's q, k and v always have biases.
        var attentionBias = architecture is ModelArchitecture.Llama or ModelArchitecture.Qwen3
                or ModelArchitecture.SmolLm3
            && (reader.OptionalBool("attention_bias") ?? false);
        var (theta, scaling) = HfRopeParameters.Read(reader);
        var (window, firstWindowLayer) = SlidingWindow(reader, architecture, layers);
        return new ModelConfig
        {
            Architecture = architecture,
            VocabSize = reader.Int("vocab_size"),
            HiddenSize = hidden,
            IntermediateSize = reader.Int("intermediate_size"),
            LayerCount = layers,
            HeadCount = heads,
            KeyValueHeadCount = reader.OptionalInt("num_key_value_heads") ?? heads,
            // Qwen3Config's head_dim defaults to 128; the others derive it.
            HeadDimension = reader.OptionalInt("head_dim")
                ?? (architecture == ModelArchitecture.Qwen3 ? 128 : heads > 0 ? hidden / heads : 0),
            MaxPositions = reader.Int("max_position_embeddings"),
            NormEpsilon = reader.OptionalDouble("rms_norm_eps") ?? 1e-6,
            RopeTheta = theta,
            RopeScaling = scaling,
            SlidingWindow = window,
            SlidingWindowFirstLayer = firstWindowLayer,
            TieWordEmbeddings = reader.OptionalBool("tie_word_embeddings") ?? false,
            QkvBias = architecture == ModelArchitecture.Qwen2 || attentionBias,
            OutputBias = attentionBias,
            MlpBias = architecture is ModelArchitecture.Llama or ModelArchitecture.SmolLm3
                && (reader.OptionalBool("mlp_bias") ?? false),
        };
    }

    // SmolLM3Config: Llama's keys, a tied head by default, and no_rope_layers or, without it, 0 on every
    // no_rope_layer_interval-th layer. Its sliding window (on the NoPE layers) is not implemented.
    private static ModelConfig ReadSmolLm3(ConfigReader reader)
    {
        if (reader.OptionalBool("use_sliding_window") is true)
        {
            throw reader.Error("use_sliding_window", "false (SmolLM3's sliding window is not implemented)", "true");
        }
        var config = ReadLlamaFamily(reader, ModelArchitecture.SmolLm3);
        var interval = reader.OptionalInt("no_rope_layer_interval") ?? 4;
        if (interval <= 0)
        {
            throw reader.Error("no_rope_layer_interval", "a positive integer",
                interval.ToString(CultureInfo.InvariantCulture));
        }
        var layers = reader.Has("no_rope_layers") ? reader.IntOrInts("no_rope_layers")
            : Enumerable.Range(0, config.LayerCount).Select(layer => (layer + 1) % interval != 0 ? 1 : 0).ToList();
        return config with
        {
            TieWordEmbeddings = reader.OptionalBool("tie_word_embeddings") ?? true,
            NoRopeLayers = layers,
        };
    }

    // The window and the first layer that uses it; (null, 0) when no layer does.
    private static (int? Window, int FirstLayer) SlidingWindow(
        ConfigReader reader, ModelArchitecture architecture, int layers)
    {
        if (architecture == ModelArchitecture.Llama)
        {
            return (null, 0);
        }
        // The config classes default sliding_window to 4096; an explicit null means none.
        var window = reader.Has("sliding_window") ? reader.OptionalInt("sliding_window") : 4096;
        if (architecture == ModelArchitecture.Mistral)
        {
            return (window, 0);
        }
        // Phi3Config's sliding_window defaults to none and, when set, applies to every layer.
        if (architecture == ModelArchitecture.Phi3)
        {
            return (reader.OptionalInt("sliding_window"), 0);
        }
        window = reader.OptionalBool("use_sliding_window") is true ? window : null;
        var first = reader.OptionalInt("max_window_layers") ?? 28;
        if (reader.OptionalStrings("layer_types") is { } types)
        {
            first = FirstSlidingLayer(reader, types, window, layers);
        }
        return window is null || first >= layers ? (null, 0) : (window, first);
    }

    // layer_types overrides max_window_layers; we implement full layers followed by sliding ones.
    private static int FirstSlidingLayer(ConfigReader reader, List<string> types, int? window, int layers)
    {
        var first = types.TakeWhile(type => type == "full_attention").Count();
        var rest = types.Skip(first).ToList();
        var sliding = rest.Count > 0;
        if (types.Count != layers || rest.Any(type => type != "sliding_attention") || (sliding && window is null))
        {
            throw reader.Error("layer_types", $"{layers} entries, full_attention layers then sliding_attention " +
                "layers (these only with use_sliding_window and a sliding_window)", string.Join(", ", types));
        }
        return first;
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
        var (architecture, modelType) = config.Architecture switch
        {
            ModelArchitecture.Qwen2 => ("Qwen2ForCausalLM", "qwen2"),
            ModelArchitecture.Qwen3 => ("Qwen3ForCausalLM", "qwen3"),
            ModelArchitecture.Mistral => ("MistralForCausalLM", "mistral"),
            ModelArchitecture.Phi3 => ("Phi3ForCausalLM", "phi3"),
            ModelArchitecture.SmolLm3 => ("SmolLM3ForCausalLM", "smollm3"),
            _ => ("LlamaForCausalLM", "llama"),
        };
        var json = new JsonObject
        {
            ["architectures"] = new JsonArray(architecture),
            ["head_dim"] = config.HeadDimension,
            ["hidden_act"] = "silu",
            ["hidden_size"] = config.HiddenSize,
            ["intermediate_size"] = config.IntermediateSize,
            ["max_position_embeddings"] = config.MaxPositions,
            ["model_type"] = modelType,
            ["num_attention_heads"] = config.HeadCount,
            ["num_hidden_layers"] = config.LayerCount,
            ["num_key_value_heads"] = config.KeyValueHeadCount,
            ["rms_norm_eps"] = config.NormEpsilon,
            ["rope_scaling"] = HfRopeParameters.ScalingJson(config.RopeScaling),
            ["rope_theta"] = config.RopeTheta,
        };
        switch (config.Architecture)
        {
            case ModelArchitecture.Qwen2 or ModelArchitecture.Qwen3 or ModelArchitecture.SmolLm3:
                json["use_sliding_window"] = config.SlidingWindow is not null;
                json["sliding_window"] = config.SlidingWindow;
                json["max_window_layers"] = config.SlidingWindow is null ? config.LayerCount
                    : config.SlidingWindowFirstLayer;
                break;
            case ModelArchitecture.Mistral or ModelArchitecture.Phi3:
                json["sliding_window"] = config.SlidingWindow;
                break;
        }
        if (config.Architecture is ModelArchitecture.Llama or ModelArchitecture.Qwen3 or ModelArchitecture.SmolLm3)
        {
            json["attention_bias"] = config.OutputBias;
        }
        if (config.Architecture is ModelArchitecture.Llama or ModelArchitecture.SmolLm3)
        {
            json["mlp_bias"] = config.MlpBias;
        }
        if (config.NoRopeLayers is { } noRope)
        {
            json["no_rope_layers"] = new JsonArray(noRope.Select(flag => (JsonNode?)JsonValue.Create(flag)).ToArray());
        }
        return json;
    }
}
