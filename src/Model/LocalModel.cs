using SelfInstruct.Model.Chat;
using SelfInstruct.Model.Checkpoints;
using SelfInstruct.Model.Generation;
using SelfInstruct.Model.Tokenization;
using static TorchSharp.torch;

namespace SelfInstruct.Model;

/// <summary>
/// A checkpoint in memory: the model and its tokenizer, loaded from or saved to a Hugging Face folder
/// (<c>config.json</c>, <c>model.safetensors</c>, <c>vocab.json</c>, <c>merges.txt</c>,
/// <c>tokenizer_config.json</c>, <c>generation_config.json</c>), or made from scratch with seeded random weights.
/// </summary>
public sealed class LocalModel : IDisposable
{
    /// <summary>Standard deviation of the random initialisation, Hugging Face's initializer_range.</summary>
    public const double InitializerRange = 0.02;

    private LocalModel(CausalLanguageModel model, ModelTokenizer tokenizer, ScalarType? weightsDtype)
    {
        Model = model;
        Tokenizer = tokenizer;
        WeightsDtype = weightsDtype;
    }

    /// <summary>
    /// The dtype the weights came in (config.json's <c>torch_dtype</c>), which <see cref="SaveAsync(string,
    /// CancellationToken)"/> writes whatever the compute dtype; null for a model made from scratch, which saves in
    /// its current dtype.
    /// </summary>
    public ScalarType? WeightsDtype { get; }

    /// <summary>The transformer.</summary>
    public CausalLanguageModel Model { get; }

    /// <summary>The tokenizer saved with it.</summary>
    public ModelTokenizer Tokenizer { get; }

    /// <summary>Loads the model and the tokenizer of a checkpoint folder.</summary>
    /// <exception cref="FileNotFoundException">A required file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is malformed or inconsistent.</exception>
    public static LocalModel Load(string folder, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var tokenizer = ModelTokenizer.Load(folder);
        var model = Checkpoint.Load(folder, dtype, device);
        return new LocalModel(model, tokenizer, Checkpoint.ParseDtype(model.Config.Dtype));
    }

    /// <summary>
    /// A new model with Hugging Face's initialisation drawn from a generator seeded with <paramref name="seed"/>:
    /// weights N(0, 0.02²), biases 0, norm weights 1. Special token ids come from the tokenizer.
    /// </summary>
    /// <exception cref="ArgumentException">The tokenizer has more ids than the config's vocabulary.</exception>
    public static LocalModel Create(ModelConfig config, ModelTokenizer tokenizer, long seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (tokenizer.VocabSize > config.VocabSize)
        {
            throw new ArgumentException($"the tokenizer has {tokenizer.VocabSize} ids but the model's vocabulary " +
                $"holds {config.VocabSize}", nameof(tokenizer));
        }
        config = config with
        {
            BosTokenId = tokenizer.BosTokenId,
            EosTokenIds = tokenizer.EosTokenId is { } eos ? [eos] : [],
            PadTokenId = tokenizer.PadTokenId,
        };
        var model = new CausalLanguageModel(config);
        using var generator = new Generator((ulong)seed, CPU);
        using (no_grad())
        {
            foreach (var (name, parameter) in model.named_parameters())
            {
                Initialise(name, parameter, generator);
            }
        }
        model.eval();
        return new LocalModel(model, tokenizer, null);
    }

    /// <summary>
    /// Writes the checkpoint into a new folder in the dtype its weights came in (<see cref="WeightsDtype"/>):
    /// everything goes into a temporary sibling first, which is renamed to <paramref name="folder"/> when complete.
    /// </summary>
    /// <exception cref="IOException"><paramref name="folder"/> exists and is not empty.</exception>
    public Task SaveAsync(string folder, CancellationToken cancellationToken) =>
        SaveAsync(folder, WeightsDtype, cancellationToken);

    /// <summary>
    /// Writes the checkpoint into a new folder with its weights in <paramref name="dtype"/> (the model's current dtype
    /// when null), through a temporary sibling renamed to <paramref name="folder"/> when complete.
    /// </summary>
    /// <exception cref="IOException"><paramref name="folder"/> exists and is not empty.</exception>
    public async Task SaveAsync(string folder, ScalarType? dtype, CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(folder);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new IOException($"{target}: the folder exists and is not empty; choose a new one");
        }
        var temporary = $"{target.TrimEnd(Path.DirectorySeparatorChar)}.{Guid.NewGuid():N}.tmp";
        try
        {
            await Checkpoint.SaveAsync(Model, temporary, dtype, cancellationToken);
            await Tokenizer.SaveAsync(temporary, Model.Config.MaxPositions, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(temporary, GenerationConfigFile.FileName),
                GenerationConfig(Model.Config), cancellationToken);
            if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }
            Directory.Move(temporary, target);
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }

    /// <summary>
    /// The model as a chat client reporting <paramref name="modelId"/>; it stays usable while this instance lives.
    /// </summary>
    public LocalChatClient CreateChatClient(string modelId, GenerationOptions? defaults = null) =>
        new(new TextGenerator(Model, Tokenizer), modelId, defaults);

    /// <summary>Releases the model's tensors.</summary>
    public void Dispose() => Model.Dispose();

    private static void Initialise(string name, Tensor parameter, Generator generator)
    {
        if (name.EndsWith(".bias", StringComparison.Ordinal))
        {
            parameter.zero_();
        }
        else if (name.Contains("norm", StringComparison.Ordinal))
        {
            parameter.fill_(1);
        }
        else
        {
            parameter.normal_(0, InitializerRange, generator);
        }
    }

    private static string GenerationConfig(ModelConfig config)
    {
        var json = new JsonObject { ["bos_token_id"] = config.BosTokenId };
        json["eos_token_id"] = config.EosTokenIds.Count == 1
            ? JsonValue.Create(config.EosTokenIds[0])
            : new JsonArray(config.EosTokenIds.Select(id => (JsonNode?)JsonValue.Create(id)).ToArray());
        if (config.PadTokenId is { } pad)
        {
            json["pad_token_id"] = pad;
        }
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
