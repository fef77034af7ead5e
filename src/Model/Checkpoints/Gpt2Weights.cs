using static TorchSharp.torch;

namespace SelfInstruct.Model.Checkpoints;

/// <summary>
/// Maps GPT-2's checkpoint names and layout onto the model file's Llama-style names, and back. GPT-2 stores its
/// projections as Conv1D, weights [in, out] applied as x·W, so they are transposed to Linear's [out, in]; its fused
/// <c>attn.c_attn</c> [hidden, 3 × hidden] splits into the q, k and v projections in that order.
/// </summary>
internal static class Gpt2Weights
{
    public const string Prefix = "transformer.";

    private static readonly (string Gpt2, string Model, bool Transpose)[] _layerPairs =
    [
        ("ln_1.weight", "input_layernorm.weight", false),
        ("ln_1.bias", "input_layernorm.bias", false),
        ("attn.c_proj.weight", "self_attn.o_proj.weight", true),
        ("attn.c_proj.bias", "self_attn.o_proj.bias", false),
        ("ln_2.weight", "post_attention_layernorm.weight", false),
        ("ln_2.bias", "post_attention_layernorm.bias", false),
        ("mlp.c_fc.weight", "mlp.up_proj.weight", true),
        ("mlp.c_fc.bias", "mlp.up_proj.bias", false),
        ("mlp.c_proj.weight", "mlp.down_proj.weight", true),
        ("mlp.c_proj.bias", "mlp.down_proj.bias", false),
    ];

    private static readonly (string Gpt2, string Model)[] _topLevelPairs =
    [
        (Prefix + "wte.weight", "model.embed_tokens.weight"),
        (Prefix + "wpe.weight", "model.embed_positions.weight"),
        (Prefix + "ln_f.weight", "model.norm.weight"),
        (Prefix + "ln_f.bias", "model.norm.bias"),
    ];

    private static readonly string[] _projections = ["q_proj", "k_proj", "v_proj"];

    /// <summary>Every tensor a GPT-2 checkpoint of this config holds, by name, with its shape.</summary>
    public static Dictionary<string, long[]> ExpectedShapes(ModelConfig config)
    {
        long hidden = config.HiddenSize;
        long inner = config.IntermediateSize;
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal)
        {
            [Prefix + "wte.weight"] = [config.VocabSize, hidden],
            [Prefix + "wpe.weight"] = [config.MaxPositions, hidden],
            [Prefix + "ln_f.weight"] = [hidden],
            [Prefix + "ln_f.bias"] = [hidden],
        };
        var layerShapes = new Dictionary<string, long[]>
        {
            ["ln_1.weight"] = [hidden],
            ["ln_1.bias"] = [hidden],
            ["attn.c_attn.weight"] = [hidden, 3 * hidden],
            ["attn.c_attn.bias"] = [3 * hidden],
            ["attn.c_proj.weight"] = [hidden, hidden],
            ["attn.c_proj.bias"] = [hidden],
            ["ln_2.weight"] = [hidden],
            ["ln_2.bias"] = [hidden],
            ["mlp.c_fc.weight"] = [hidden, inner],
            ["mlp.c_fc.bias"] = [inner],
            ["mlp.c_proj.weight"] = [inner, hidden],
            ["mlp.c_proj.bias"] = [hidden],
        };
        for (var layer = 0; layer < config.LayerCount; layer++)
        {
            foreach (var (name, shape) in layerShapes)
            {
                shapes[$"{Prefix}h.{layer}.{name}"] = shape;
            }
        }
        if (!config.TieWordEmbeddings)
        {
            shapes["lm_head.weight"] = [config.VocabSize, hidden];
        }
        return shapes;
    }

    /// <summary>GPT-2 tensors (names with the prefix) as model state; the results are new tensors.</summary>
    public static Dictionary<string, Tensor> ToModel(IReadOnlyDictionary<string, Tensor> gpt2, ModelConfig config)
    {
        // Conv1D [in, out] to Linear [out, in] where transposed.
        var state = Pairs(config).ToDictionary(
            pair => pair.Model, pair => Copy(gpt2[pair.Gpt2], pair.Transpose), StringComparer.Ordinal);
        for (var layer = 0; layer < config.LayerCount; layer++)
        {
            // c_attn: [hidden, 3 × hidden] = [q | k | v] along the output columns.
            var weights = gpt2[$"{Prefix}h.{layer}.attn.c_attn.weight"].chunk(3, 1);
            var biases = gpt2[$"{Prefix}h.{layer}.attn.c_attn.bias"].chunk(3, 0);
            for (var i = 0; i < _projections.Length; i++)
            {
                // [hidden, hidden] column block to Linear [out, in]
                state[$"model.layers.{layer}.self_attn.{_projections[i]}.weight"] = Copy(weights[i], transpose: true);
                state[$"model.layers.{layer}.self_attn.{_projections[i]}.bias"] = Copy(biases[i], transpose: false);
            }
        }
        return state;
    }

    /// <summary>
    /// Model state as GPT-2 tensors with the <c>transformer.</c> prefix; the results are new tensors.
    /// </summary>
    public static Dictionary<string, Tensor> FromModel(IReadOnlyDictionary<string, Tensor> state, ModelConfig config)
    {
        // Linear [out, in] to Conv1D [in, out] where transposed.
        var gpt2 = Pairs(config).ToDictionary(
            pair => pair.Gpt2, pair => Copy(state[pair.Model], pair.Transpose), StringComparer.Ordinal);
        for (var layer = 0; layer < config.LayerCount; layer++)
        {
            var from = $"model.layers.{layer}.self_attn.";
            // hidden, 3 × hidden
            gpt2[$"{Prefix}h.{layer}.attn.c_attn.weight"] = cat(
                _projections.Select(projection => state[$"{from}{projection}.weight"].t()).ToArray(), 1);
            gpt2[$"{Prefix}h.{layer}.attn.c_attn.bias"] = cat(
                _projections.Select(projection => state[$"{from}{projection}.bias"]).ToArray(), 0);
        }
        return gpt2;
    }

    /// <summary>Every tensor that maps one to one (all but the fused c_attn), by both names.</summary>
    private static IEnumerable<(string Gpt2, string Model, bool Transpose)> Pairs(ModelConfig config)
    {
        foreach (var (gpt2Name, modelName) in _topLevelPairs)
        {
            yield return (gpt2Name, modelName, false);
        }
        for (var layer = 0; layer < config.LayerCount; layer++)
        {
            foreach (var (gpt2Name, modelName, transpose) in _layerPairs)
            {
                yield return ($"{Prefix}h.{layer}.{gpt2Name}", $"model.layers.{layer}.{modelName}", transpose);
            }
        }
        if (!config.TieWordEmbeddings)
        {
            yield return ("lm_head.weight", "lm_head.weight", false);
        }
    }

    private static Tensor Copy(Tensor tensor, bool transpose) =>
        (transpose ? tensor.t() : tensor).contiguous().clone();
}
