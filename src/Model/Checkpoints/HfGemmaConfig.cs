namespace SelfInstruct.Model.Checkpoints;

/// <summary>
/// The config.json of Gemma 2 (<c>gemma2</c>) and Gemma 3's text model (<c>gemma3_text</c>), with the defaults of
/// Gemma2Config and Gemma3TextConfig for missing keys. Local (sliding-window) and global layers come from
/// <c>layer_types</c> when present, else from the config version's rule: Gemma 2's even layers are local, Gemma 3's
/// layer i is local unless (i + 1) is a multiple of <c>sliding_window_pattern</c> (6). A <c>layer_types</c> list that
/// follows no such pattern is refused, and so are a hidden activation other than gelu_pytorch_tanh, bidirectional
/// attention and transformers 5's per-layer-type <c>rope_parameters</c>.
/// </summary>
internal static class HfGemmaConfig
{
    private const string Sliding = "sliding_attention";
    private const string Full = "full_attention";

    /// <summary>The config of a Gemma 2 or Gemma 3 text checkpoint.</summary>
    /// <exception cref="InvalidDataException">A field has a value we do not implement.</exception>
    public static ModelConfig Read(ConfigReader reader, ModelArchitecture architecture)
    {
        var gemma3 = architecture == ModelArchitecture.Gemma3;
        var activation = reader.OptionalString("hidden_activation") ?? "gelu_pytorch_tanh";
        if (activation != "gelu_pytorch_tanh")
        {
            throw reader.Error("hidden_activation", "gelu_pytorch_tanh", activation);
        }
        if (reader.OptionalBool("use_bidirectional_attention") is true)
        {
            throw reader.Error("use_bidirectional_attention", "false (causal attention)", "true");
        }
        if (reader.Has("rope_parameters"))
        {
            throw reader.Error("rope_parameters", "rope_theta, rope_scaling and rope_local_base_freq (transformers " +
                "4.x keys)", "rope_parameters");
        }
        var layers = reader.Int("num_hidden_layers");
        var heads = reader.Int("num_attention_heads");
        var (theta, scaling) = HfRopeParameters.Read(reader);
        var window = reader.Has("sliding_window") ? reader.OptionalInt("sliding_window") : 4096;
        var pattern = Pattern(reader, gemma3 ? reader.OptionalInt("sliding_window_pattern") ?? 6 : 2, layers, window);
        var attentionBias = reader.OptionalBool("attention_bias") ?? false;
        return new ModelConfig
        {
            Architecture = architecture,
            VocabSize = reader.Int("vocab_size"),
            HiddenSize = reader.Int("hidden_size"),
            IntermediateSize = reader.Int("intermediate_size"),
            LayerCount = layers,
            HeadCount = heads,
            KeyValueHeadCount = reader.OptionalInt("num_key_value_heads") ?? 4,
            HeadDimension = reader.OptionalInt("head_dim") ?? 256,
            MaxPositions = reader.Int("max_position_embeddings"),
            NormEpsilon = reader.OptionalDouble("rms_norm_eps") ?? 1e-6,
            RopeTheta = reader.Has("rope_theta") ? theta : gemma3 ? 1_000_000 : 10_000,
            RopeScaling = scaling,
            LocalRopeTheta = gemma3 ? reader.OptionalDouble("rope_local_base_freq") ?? 10_000 : null,
            SlidingWindow = window,
            SlidingWindowPattern = window is null ? 0 : pattern,
            QueryPreAttentionScalar = reader.OptionalDouble("query_pre_attn_scalar") ?? 256,
            AttentionLogitSoftcap = Softcap(reader, "attn_logit_softcapping", gemma3 ? null : 50),
            FinalLogitSoftcap = Softcap(reader, "final_logit_softcapping", gemma3 ? null : 30),
            TieWordEmbeddings = reader.OptionalBool("tie_word_embeddings") ?? true,
            QkvBias = attentionBias,
            OutputBias = attentionBias,
        };
    }

    /// <summary>The keys transformers 4.x writes for <paramref name="config"/>, both layer rules included.</summary>
    public static JsonObject Json(ModelConfig config)
    {
        var gemma3 = config.Architecture == ModelArchitecture.Gemma3;
        var json = new JsonObject
        {
            ["architectures"] = new JsonArray(gemma3 ? "Gemma3ForCausalLM" : "Gemma2ForCausalLM"),
            ["attention_bias"] = config.OutputBias,
            ["attn_logit_softcapping"] = config.AttentionLogitSoftcap,
            ["final_logit_softcapping"] = config.FinalLogitSoftcap,
            ["head_dim"] = config.HeadDimension,
            ["hidden_activation"] = "gelu_pytorch_tanh",
            ["hidden_size"] = config.HiddenSize,
            ["intermediate_size"] = config.IntermediateSize,
            ["layer_types"] = new JsonArray(Enumerable.Range(0, config.LayerCount)
                .Select(layer => (JsonNode?)JsonValue.Create(config.UsesSlidingWindow(layer) ? Sliding : Full))
                .ToArray()),
            ["max_position_embeddings"] = config.MaxPositions,
            ["model_type"] = gemma3 ? "gemma3_text" : "gemma2",
            ["num_attention_heads"] = config.HeadCount,
            ["num_hidden_layers"] = config.LayerCount,
            ["num_key_value_heads"] = config.KeyValueHeadCount,
            ["query_pre_attn_scalar"] = config.QueryPreAttentionScalar ?? config.HeadDimension,
            ["rms_norm_eps"] = config.NormEpsilon,
            ["rope_scaling"] = HfRopeParameters.ScalingJson(config.RopeScaling),
            ["rope_theta"] = config.RopeTheta,
            ["sliding_window"] = config.SlidingWindow,
        };
        if (gemma3)
        {
            json["rope_local_base_freq"] = config.LocalRopeTheta;
            json["sliding_window_pattern"] = config.SlidingWindowPattern;
        }
        return json;
    }

    // A soft-capping constant: the class default when missing, none when null.
    private static double? Softcap(ConfigReader reader, string key, double? fallback) =>
        reader.Has(key) ? reader.OptionalDouble(key) : fallback;

    // The pattern of local and global layers: the version's rule, or the one layer_types follows.
    private static int Pattern(ConfigReader reader, int rule, int layers, int? window)
    {
        if (reader.OptionalStrings("layer_types") is not { } types)
        {
            return rule;
        }
        var firstFull = types.IndexOf(Full);
        // The version's rule if the list follows it; else the first global layer's; none at all: longer than the stack.
        var pattern = Follows(types, rule, layers) ? rule : firstFull < 0 ? layers + 1 : firstFull + 1;
        if (!Follows(types, pattern, layers) || (window is null && types.Contains(Sliding)))
        {
            throw reader.Error("layer_types", $"{layers} entries of sliding_attention with full_attention on every " +
                "n-th layer (sliding layers only with a sliding_window)", string.Join(", ", types));
        }
        return pattern;
    }

    private static bool Follows(List<string> types, int pattern, int layers) => types.Count == layers
        && types.Select((type, layer) => type == ((layer + 1) % pattern != 0 ? Sliding : Full)).All(match => match);
}
