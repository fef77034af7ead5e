using SelfInstruct.Model.Checkpoints;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SelfInstruct.Model.Lora;

/// <summary>
/// LoRA adapters attached to a <see cref="CausalLanguageModel"/> through forward hooks on the targeted linear layers:
/// each computes base(x) + (alpha / rank)·B·A·dropout(x), with A and B in float32 and every base parameter frozen.
/// Saved and loaded in PEFT's layout (<c>adapter_config.json</c>, <c>adapter_model.safetensors</c>, keys such as
/// <c>base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight</c>); <see cref="Merge"/> folds them into the
/// base weights so the model saves as an ordinary checkpoint.
/// </summary>
public sealed class LoraAdapters : IDisposable
{
    /// <summary>The adapter weights file name inside an adapter folder.</summary>
    public const string WeightsFileName = "adapter_model.safetensors";

    /// <summary>The adapter config file name inside an adapter folder.</summary>
    public const string ConfigFileName = AdapterConfigFile.FileName;

    private const string KeyPrefix = "base_model.model.";

    private readonly List<LoraLayer> _layers;
    private readonly List<(Parameter Parameter, bool RequiresGrad)> _baseParameters;
    private bool _merged;
    private bool _disposed;

    private LoraAdapters(
        LoraOptions options, List<LoraLayer> layers, List<(Parameter Parameter, bool RequiresGrad)> baseParameters)
    {
        Options = options;
        _layers = layers;
        _baseParameters = baseParameters;
        NamedParameters = layers
            .SelectMany(layer => new[]
            {
                (KeyPrefix + layer.ModulePath + ".lora_A.weight", layer.A),
                (KeyPrefix + layer.ModulePath + ".lora_B.weight", layer.B),
            })
            .ToList();
    }

    /// <summary>The options the adapters were built with.</summary>
    public LoraOptions Options { get; }

    /// <summary>
    /// The base model written to <c>adapter_config.json</c> as <c>base_model_name_or_path</c>; <see cref="Load"/>
    /// fills it from the file, and it is null (written as null) when unknown.
    /// </summary>
    public string? BaseModelNameOrPath { get; set; }

    /// <summary>
    /// The trainable parameters by PEFT key, A then B for each targeted layer in model order: A [rank, in] and
    /// B [out, rank], float32, on the base weight's device.
    /// </summary>
    public IReadOnlyList<(string Name, Parameter Parameter)> NamedParameters { get; }

    /// <summary>
    /// Freezes every parameter of <paramref name="model"/> and attaches an adapter to each linear layer that
    /// <paramref name="options"/> targets, in every decoder layer: A drawn like PEFT (kaiming-uniform with a = √5,
    /// that is U(-1/√in, 1/√in)) from a generator seeded with <paramref name="seed"/>, B zero, so the model's output
    /// is unchanged until B is trained.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The options are invalid, or the model's architecture lacks a targeted layer (GPT-2 has no gate_proj).
    /// </exception>
    public static LoraAdapters Attach(CausalLanguageModel model, LoraOptions options, long seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var targets = Targets(model, options);
        var baseParameters = model.parameters().Select(parameter => (parameter, parameter.requires_grad)).ToList();
        foreach (var (parameter, _) in baseParameters)
        {
            parameter.requires_grad = false;
        }
        using var generator = new Generator((ulong)seed, CPU);
        var layers = targets.Select(target => new LoraLayer(target.Path, target.Linear, options, generator)).ToList();
        return new LoraAdapters(options, layers, baseParameters);
    }

    /// <summary>Reads an adapter folder saved by <see cref="SaveAdapterAsync"/> or by PEFT and attaches it.</summary>
    /// <exception cref="FileNotFoundException">The folder lacks the config or the weights file.</exception>
    /// <exception cref="InvalidDataException">
    /// The config is not plain LoRA, or a tensor is missing, unexpected or misshapen; the message names the file and
    /// the field or tensor.
    /// </exception>
    /// <exception cref="ArgumentException">The model's architecture lacks a targeted layer.</exception>
    public static LoraAdapters Load(CausalLanguageModel model, string adapterFolder)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(adapterFolder);
        var (options, baseModel) = AdapterConfigFile.Read(Path.Combine(adapterFolder, ConfigFileName));
        var adapters = Attach(model, options, seed: 0);
        try
        {
            adapters.LoadWeights(adapterFolder);
        }
        catch
        {
            adapters.Dispose();
            throw;
        }
        adapters.BaseModelNameOrPath = baseModel;
        return adapters;
    }

    /// <summary>Copies the A and B tensors of a saved adapter folder into these adapters, to resume training.</summary>
    /// <exception cref="FileNotFoundException">The folder lacks the weights file.</exception>
    /// <exception cref="InvalidDataException">
    /// A tensor is missing, unexpected or misshapen; every such tensor is named along with the file.
    /// </exception>
    public void LoadWeights(string adapterFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(adapterFolder);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var path = Path.Combine(adapterFolder, WeightsFileName);
        var tensors = SafetensorsFile.Read(path);
        try
        {
            var problems = Mismatches(tensors);
            if (problems.Count > 0)
            {
                throw new InvalidDataException($"{path}: {string.Join("; ", problems)}");
            }
            using var noGrad = no_grad();
            foreach (var (name, parameter) in NamedParameters)
            {
                parameter.copy_(tensors[name]);
            }
        }
        finally
        {
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }
        }
    }

    /// <summary>
    /// Writes <c>adapter_model.safetensors</c> (float32) and then <c>adapter_config.json</c> into
    /// <paramref name="folder"/>, each under a temporary name renamed when complete; the folder is created when
    /// missing and other files in it are left alone.
    /// </summary>
    public async Task SaveAdapterAsync(string folder, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ObjectDisposedException.ThrowIf(_disposed, this);
        Directory.CreateDirectory(folder);
        var tensors = NamedParameters.ToDictionary(pair => pair.Name, pair => (Tensor)pair.Parameter);
        await SafetensorsFile.WriteAsync(Path.Combine(folder, WeightsFileName), tensors, cancellationToken);
        await AdapterConfigFile.WriteAsync(
            Path.Combine(folder, ConfigFileName), Options, BaseModelNameOrPath, cancellationToken);
    }

    /// <summary>
    /// Adds (alpha / rank)·B·A to each targeted base weight in the weight's dtype and device, removes the hooks and
    /// restores the base parameters' gradient flags: the model is then a plain model, and saving it gives an
    /// ordinary checkpoint. A and B stay readable (and savable) until disposal.
    /// </summary>
    /// <exception cref="InvalidOperationException">The adapters were merged already.</exception>
    public void Merge()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_merged)
        {
            throw new InvalidOperationException("the LoRA adapters are merged into the model already");
        }
        foreach (var layer in _layers)
        {
            layer.Merge();
        }
        RestoreBaseParameters();
        _merged = true;
    }

    /// <summary>Removes the hooks, restores the base parameters' gradient flags and releases A and B.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        foreach (var layer in _layers)
        {
            layer.Dispose();
        }
        if (!_merged)
        {
            RestoreBaseParameters();
        }
        _disposed = true;
    }

    private static List<(string Path, Linear Linear)> Targets(CausalLanguageModel model, LoraOptions options)
    {
        var linears = model.named_modules()
            .Where(pair => pair.module is Linear)
            .Select(pair => (Path: pair.name, Linear: (Linear)pair.module))
            .ToList();
        var targets = linears.Where(pair => options.TargetModules.Contains(LastSegment(pair.Path))).ToList();
        var missing = options.TargetModules
            .Where(name => !targets.Any(target => LastSegment(target.Path) == name))
            .ToList();
        if (missing.Count > 0)
        {
            var present = linears.Select(pair => LastSegment(pair.Path)).Distinct().Order(StringComparer.Ordinal);
            throw new ArgumentException($"the {model.Config.Architecture} model has no linear layer named " +
                $"{string.Join(" or ", missing)} to adapt; its linear layers are {string.Join(", ", present)}",
                nameof(options));
        }
        return targets;
    }

    private static string LastSegment(string path) => path[(path.LastIndexOf('.') + 1)..];

    private List<string> Mismatches(Dictionary<string, Tensor> tensors)
    {
        var problems = new List<string>();
        foreach (var (name, parameter) in NamedParameters)
        {
            if (!tensors.TryGetValue(name, out var tensor))
            {
                problems.Add($"missing tensor {name}, which the adapter config targets");
            }
            else if (!tensor.shape.SequenceEqual(parameter.shape))
            {
                problems.Add($"tensor {name} has shape [{string.Join(", ", tensor.shape)}], expected " +
                    $"[{string.Join(", ", parameter.shape)}] from the rank and the model");
            }
        }
        var expected = NamedParameters.Select(pair => pair.Name).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(tensors.Keys.Where(name => !expected.Contains(name)).Order(StringComparer.Ordinal)
            .Select(name => $"unexpected tensor {name}, which is not an adapter of the targeted layers"));
        return problems;
    }

    private void RestoreBaseParameters()
    {
        foreach (var (parameter, requiresGrad) in _baseParameters)
        {
            parameter.requires_grad = requiresGrad;
        }
    }
}
