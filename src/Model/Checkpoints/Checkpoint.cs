using TorchSharp;
using static TorchSharp.torch;

namespace SelfInstruct.Model.Checkpoints;

/// <summary>
/// Loads and saves a model in the Hugging Face folder layout: <c>config.json</c> plus <c>model.safetensors</c> (or
/// shards listed in <c>model.safetensors.index.json</c>). Every expected tensor must be present with the shape the
/// config implies; errors name the file and the tensor. GPT-2 keys load with or without the <c>transformer.</c>
/// prefix, and its attention-mask buffers and Llama's old <c>rotary_emb.inv_freq</c> are ignored.
/// </summary>
public static class Checkpoint
{
    /// <summary>
    /// Builds the model <c>config.json</c> describes (its special ids as <c>generation_config.json</c> gives them)
    /// and fills it from the folder's weights.
    /// </summary>
    /// <param name="folder">The checkpoint folder.</param>
    /// <param name="dtype">The dtype to compute in; float32 unless given.</param>
    /// <param name="device">Where to place the model; the CPU unless given.</param>
    /// <returns>The model in eval mode.</returns>
    /// <exception cref="FileNotFoundException">The folder lacks config.json or weights.</exception>
    /// <exception cref="InvalidDataException">
    /// A file is malformed, or a tensor is missing, unexpected or misshapen.
    /// </exception>
    public static CausalLanguageModel Load(string folder, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"{folder}: no such checkpoint folder");
        }
        var config = GenerationConfigFile.Apply(HfConfigFile.Read(Path.Combine(folder, HfConfigFile.FileName)), folder);
        // Headers only: every file, name and dtype is checked here, every shape against the new model below, all before
        // any weight is read; a failure disposes the model, so nothing half-loaded escapes.
        var weights = WeightSet.Read(folder);
        Normalize(weights, config);
        // Built in the compute dtype, so no float32 copy of a bf16 model ever exists and each tensor is read straight
        // into its parameter.
        var model = new CausalLanguageModel(config, dtype);
        try
        {
            Check(weights, ExpectedShapes(model, config), config);
            Fill(model, weights, config);
            if (device is not null)
            {
                model.to(device);
            }
        }
        catch
        {
            model.Dispose();
            throw;
        }
        model.eval();
        return model;
    }

    /// <summary>
    /// Writes <c>config.json</c> and <c>model.safetensors</c> into <paramref name="folder"/> in the model's current
    /// dtype, each file atomically; the folder is created when missing.
    /// </summary>
    public static Task SaveAsync(CausalLanguageModel model, string folder, CancellationToken cancellationToken) =>
        SaveAsync(model, folder, null, cancellationToken);

    /// <summary>
    /// Writes <c>config.json</c> (its <c>torch_dtype</c> the saved dtype) and <c>model.safetensors</c> into
    /// <paramref name="folder"/>, each file atomically; the folder is created when missing. Each tensor is converted
    /// to <paramref name="dtype"/> (the model's current dtype when null) as it is written.
    /// </summary>
    public static async Task SaveAsync(
        CausalLanguageModel model, string folder, ScalarType? dtype, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        Directory.CreateDirectory(folder);
        var state = model.state_dict();
        var saved = dtype ?? state.Values.First().dtype;
        var config = model.Config with { Dtype = DtypeName(saved) };
        var mapped = config.Architecture is ModelArchitecture.Gpt2 or ModelArchitecture.Phi3;
        var tensors = config.Architecture == ModelArchitecture.Gpt2 ? Gpt2Weights.FromModel(state, config)
            : config.Architecture == ModelArchitecture.Phi3 ? Phi3Weights.FromModel(state, config)
            : state;
        try
        {
            await SafetensorsFile.WriteAsync(
                Path.Combine(folder, SafetensorsFile.FileName), tensors, saved, cancellationToken);
        }
        finally
        {
            // GPT-2's and Phi-3's tensors are new; the others are the model's own.
            foreach (var tensor in mapped ? tensors.Values : Enumerable.Empty<Tensor>())
            {
                tensor.Dispose();
            }
        }
        HfConfigFile.Write(config, Path.Combine(folder, HfConfigFile.FileName));
    }

    /// <summary>
    /// Number of parameters stored in the folder's weights, from the safetensors headers alone (GPT-2's mask
    /// buffers are not parameters and are not counted).
    /// </summary>
    public static long CountParameters(string folder)
    {
        var single = Path.Combine(folder, SafetensorsFile.FileName);
        var files = File.Exists(single)
            ? [single]
            : Directory.GetFiles(folder, "*.safetensors").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            throw new FileNotFoundException($"{folder}: no weights: no .safetensors file is there", single);
        }
        return files.SelectMany(SafetensorsFile.ReadHeader)
            .Where(entry => !IsBuffer(entry.Name))
            .Sum(entry => entry.Shape.Aggregate(1L, (product, size) => product * size));
    }

    /// <summary>The dtype a config.json name stands for (float32, bfloat16 or float16).</summary>
    public static ScalarType ParseDtype(string name) => name switch
    {
        "float32" => ScalarType.Float32,
        "bfloat16" => ScalarType.BFloat16,
        "float16" => ScalarType.Float16,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "expected float32, bfloat16 or float16"),
    };

    /// <summary>The TorchSharp dtype of <paramref name="dtype"/>.</summary>
    public static ScalarType ScalarTypeOf(ComputeDtype dtype) => dtype switch
    {
        ComputeDtype.Fp32 => ScalarType.Float32,
        ComputeDtype.Bf16 => ScalarType.BFloat16,
        ComputeDtype.Fp16 => ScalarType.Float16,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "expected fp32, bf16 or fp16"),
    };

    /// <summary>The name Hugging Face uses for a dtype in config.json.</summary>
    public static string DtypeName(ScalarType dtype) => dtype switch
    {
        ScalarType.Float32 => "float32",
        ScalarType.BFloat16 => "bfloat16",
        ScalarType.Float16 => "float16",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "expected float32, bfloat16 or float16"),
    };

    private static void Normalize(WeightSet weights, ModelConfig config)
    {
        weights.RemoveWhere(name => IsBuffer(name) || (config.TieWordEmbeddings && name == "lm_head.weight"));
        if (config.Architecture == ModelArchitecture.Gpt2
            && !weights.Entries.Keys.Any(name => name.StartsWith(Gpt2Weights.Prefix, StringComparison.Ordinal)))
        {
            weights.Rename(name => name == "lm_head.weight" ? name : Gpt2Weights.Prefix + name);
        }
    }

    private static bool IsBuffer(string name) =>
        name.EndsWith(".attn.bias", StringComparison.Ordinal)
        || name.EndsWith(".attn.masked_bias", StringComparison.Ordinal)
        || name.EndsWith("rotary_emb.inv_freq", StringComparison.Ordinal);

    /// <summary>Every tensor a checkpoint of <paramref name="model"/> holds, by name, with its shape.</summary>
    internal static Dictionary<string, long[]> ExpectedShapes(CausalLanguageModel model, ModelConfig config) =>
        config.Architecture == ModelArchitecture.Gpt2
            ? Gpt2Weights.ExpectedShapes(config)
            : config.Architecture == ModelArchitecture.Phi3 ? Phi3Weights.ExpectedShapes(ModelShapes(model), config)
            : ModelShapes(model);

    private static Dictionary<string, long[]> ModelShapes(CausalLanguageModel model) =>
        model.state_dict().ToDictionary(pair => pair.Key, pair => pair.Value.shape);

    private static void Check(WeightSet weights, Dictionary<string, long[]> expected, ModelConfig config)
    {
        var files = string.Join(", ", weights.Files.Values.Distinct().Order(StringComparer.Ordinal));
        foreach (var (name, shape) in expected)
        {
            if (!weights.Entries.TryGetValue(name, out var entry))
            {
                throw new InvalidDataException(
                    $"{files}: missing tensor {name}, which a {config.Architecture} model with this config.json needs");
            }
            if (!entry.Shape.SequenceEqual(shape))
            {
                throw new InvalidDataException($"{weights.Files[name]}: tensor {name} has shape " +
                    $"[{string.Join(", ", entry.Shape)}], expected [{string.Join(", ", shape)}] from config.json");
            }
        }
        foreach (var name in weights.Entries.Keys.Where(name => !expected.ContainsKey(name)))
        {
            throw new InvalidDataException($"{weights.Files[name]}: unexpected tensor {name}, which is not part of a " +
                $"{config.Architecture} model with this config.json");
        }
    }

    // Llama-style names go straight into their parameters; GPT-2's and Phi-3's fused ones are read whole and mapped.
    private static void Fill(CausalLanguageModel model, WeightSet weights, ModelConfig config)
    {
        using var noGrad = no_grad();
        if (config.Architecture is not (ModelArchitecture.Gpt2 or ModelArchitecture.Phi3))
        {
            foreach (var (name, parameter) in model.state_dict())
            {
                weights.ReadInto(name, parameter);
            }
            return;
        }
        var stored = weights.Entries.Keys.ToDictionary(name => name, weights.ReadTensor, StringComparer.Ordinal);
        var state = config.Architecture == ModelArchitecture.Gpt2
            ? Gpt2Weights.ToModel(stored, config)
            : Phi3Weights.ToModel(stored, config);
        foreach (var (name, parameter) in model.state_dict())
        {
            parameter.copy_(state[name]);
        }
        foreach (var tensor in state.Values.Concat(stored.Values))
        {
            tensor.Dispose();
        }
    }
}
