using static TorchSharp.torch;

namespace SelfInstruct.Model.Checkpoints;

/// <summary>
/// Maps Phi-3's fused projections onto the model file's separate ones, and back: <c>self_attn.qkv_proj</c>
/// [heads × head dim + 2 × key/value heads × head dim, hidden] is q, k and v stacked along the output rows, and
/// <c>mlp.gate_up_proj</c> [2 × intermediate, hidden] is gate then up, as modeling_phi3.py splits them. Every other
/// tensor has the Llama name and layout.
/// </summary>
internal static class Phi3Weights
{
    private const string Qkv = "self_attn.qkv_proj.weight";
    private const string GateUp = "mlp.gate_up_proj.weight";

    /// <summary>Every tensor a Phi-3 checkpoint of this config holds, from the model's own shapes.</summary>
    public static Dictionary<string, long[]> ExpectedShapes(Dictionary<string, long[]> model, ModelConfig config)
    {
        var fused = Fused(config).SelectMany(pair => pair.Parts).ToHashSet(StringComparer.Ordinal);
        var shapes = model.Where(pair => !fused.Contains(pair.Key))
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        foreach (var (name, parts) in Fused(config))
        {
            shapes[name] = [parts.Sum(part => model[part][0]), config.HiddenSize];
        }
        return shapes;
    }

    /// <summary>Phi-3 tensors as model state; the results are new tensors.</summary>
    public static Dictionary<string, Tensor> ToModel(IReadOnlyDictionary<string, Tensor> phi3, ModelConfig config)
    {
        var fused = Fused(config).ToList();
        var names = fused.Select(pair => pair.Name).ToHashSet(StringComparer.Ordinal);
        var state = phi3.Where(pair => !names.Contains(pair.Key))
            .ToDictionary(pair => pair.Key, pair => pair.Value.clone(), StringComparer.Ordinal);
        var queries = (long)config.HeadCount * config.HeadDimension;
        var keyValues = (long)config.KeyValueHeadCount * config.HeadDimension;
        foreach (var (name, parts) in fused)
        {
            // rows: [q | k | v] or [gate | up]
            var sizes = parts.Length == 3 ? new[] { queries, keyValues, keyValues }
                : [config.IntermediateSize, config.IntermediateSize];
            var pieces = phi3[name].split(sizes, 0);
            for (var i = 0; i < parts.Length; i++)
            {
                state[parts[i]] = pieces[i].contiguous().clone();
            }
        }
        return state;
    }

    /// <summary>Model state as Phi-3 tensors; the results are new tensors.</summary>
    public static Dictionary<string, Tensor> FromModel(IReadOnlyDictionary<string, Tensor> state, ModelConfig config)
    {
        var fused = Fused(config).ToList();
        var parts = fused.SelectMany(pair => pair.Parts).ToHashSet(StringComparer.Ordinal);
        var phi3 = state.Where(pair => !parts.Contains(pair.Key))
            .ToDictionary(pair => pair.Key, pair => pair.Value.detach().clone(), StringComparer.Ordinal);
        foreach (var (name, names) in fused)
        {
            phi3[name] = cat(names.Select(part => state[part].detach()).ToArray(), 0);
        }
        return phi3;
    }

    // Each fused checkpoint tensor with the model tensors it stacks, in order.
    private static IEnumerable<(string Name, string[] Parts)> Fused(ModelConfig config)
    {
        for (var layer = 0; layer < config.LayerCount; layer++)
        {
            var prefix = $"model.layers.{layer}.";
            yield return (prefix + Qkv, [$"{prefix}self_attn.q_proj.weight", $"{prefix}self_attn.k_proj.weight",
                $"{prefix}self_attn.v_proj.weight"]);
            yield return (prefix + GateUp, [$"{prefix}mlp.gate_proj.weight", $"{prefix}mlp.up_proj.weight"]);
        }
    }
}
