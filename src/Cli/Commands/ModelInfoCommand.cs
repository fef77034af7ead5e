using System.CommandLine;
using SelfInstruct.Model;
using SelfInstruct.Model.Checkpoints;
using SelfInstruct.Model.Tokenization;
using Spectre.Console;

namespace SelfInstruct.Cli.Commands;

/// <summary><c>selfinstruct model info</c>: a checkpoint described without loading its weights.</summary>
internal sealed class ModelInfoCommand : Command
{
    private readonly Argument<DirectoryInfo> _folder = new("DIR")
    {
        Description = "A checkpoint folder (config.json, weights).",
    };

    public ModelInfoCommand(IAnsiConsole console)
        : base("info", "Print a checkpoint's architecture, parameter count, dtype, tokenizer and context length " +
            "without loading its weights.")
    {
        Arguments.Add(_folder);
        SetAction(parseResult =>
        {
            Describe(console, parseResult.GetRequiredValue(_folder).FullName);
            return 0;
        });
    }

    /// <summary>Prints the table of <paramref name="folder"/>'s checkpoint.</summary>
    public static void Describe(IAnsiConsole console, string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"{folder}: no such checkpoint folder");
        }
        var config = HfConfigFile.Read(Path.Combine(folder, HfConfigFile.FileName));
        var tokenizer = ModelTokenizer.ExistsIn(folder)
            ? ModelTokenizer.Load(folder).Description
            : "none (no vocab.json, tokenizer.json or tokenizer.model)";
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string name, string value) => grid.AddRow(new Text(name), new Text(value));
        Row("architecture", EnumNames.Name(config.Architecture));
        Row("parameters", Checkpoint.CountParameters(folder).ToString("N0", CultureInfo.InvariantCulture));
        Row("dtype", config.Dtype);
        Row("tokenizer", tokenizer);
        Row("context length", config.ContextLength == config.MaxPositions
            ? config.MaxPositions.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{config.ContextLength} (max_position_embeddings " +
                $"{config.MaxPositions} stretched by the rope scaling)"));
        Row("layers", string.Create(CultureInfo.InvariantCulture,
            $"{config.LayerCount} × hidden {config.HiddenSize}, {config.HeadCount} heads " +
            $"({config.KeyValueHeadCount} key/value), MLP {config.IntermediateSize}"));
        Row("vocabulary", config.VocabSize.ToString(CultureInfo.InvariantCulture) +
            (config.TieWordEmbeddings ? ", head tied to the embedding" : ", separate head"));
        Row("features", Features(config));
        console.Write(grid);
    }

    // What changes the maths beyond the family's plain form: rope scaling, sliding window, local rope, NoPE layers,
    // q/k norm, Gemma's query scale and soft-caps, Phi-3's fused projections and biases.
    private static string Features(ModelConfig config)
    {
        var features = new List<string>();
        if (config.RopeScaling is { } scaling)
        {
            var original = scaling.Type == RopeScalingType.Llama3
                ? string.Create(CultureInfo.InvariantCulture, $" from {scaling.OriginalMaxPositions} positions")
                : "";
            features.Add(string.Create(CultureInfo.InvariantCulture,
                $"rope scaling {EnumNames.Name(scaling.Type)} × {scaling.Factor}{original}"));
        }
        if (config.SlidingWindow is { } window)
        {
            features.Add(string.Create(CultureInfo.InvariantCulture,
                $"sliding window {window} in layers {Layers(config, config.UsesSlidingWindow)}"));
        }
        if (config.LocalRopeTheta is { } local)
        {
            features.Add(string.Create(CultureInfo.InvariantCulture, $"local rope theta {local}"));
        }
        if (config.NoRopeLayers is not null && Enumerable.Range(0, config.LayerCount).Any(l => !config.UsesRope(l)))
        {
            features.Add($"no rope in layers {Layers(config, layer => !config.UsesRope(layer))}");
        }
        if (config.QkNorm)
        {
            features.Add("q/k norm");
        }
        features.AddRange(Scaling(config));
        if (config.Architecture == ModelArchitecture.Phi3)
        {
            features.Add("fused qkv_proj and gate_up_proj");
        }
        var biases = new[] { (config.QkvBias, "q/k/v"), (config.OutputBias, "output"), (config.MlpBias, "MLP") }
            .Where(bias => bias.Item1).Select(bias => bias.Item2).ToList();
        if (biases.Count > 0)
        {
            features.Add($"biases on {string.Join(", ", biases)}");
        }
        return features.Count == 0 ? "none" : string.Join("; ", features);
    }

    // Gemma's query scale and soft-capping constants.
    private static IEnumerable<string> Scaling(ModelConfig config)
    {
        var settings = new[]
        {
            ("query_pre_attn_scalar", config.QueryPreAttentionScalar),
            ("attention soft-cap", config.AttentionLogitSoftcap),
            ("logit soft-cap", config.FinalLogitSoftcap),
        };
        return settings.Where(setting => setting.Item2 is not null)
            .Select(setting => string.Create(CultureInfo.InvariantCulture, $"{setting.Item1} {setting.Item2}"));
    }

    // The layers that match, as a range "a–b" when they run to the last layer without a gap, else listed.
    private static string Layers(ModelConfig config, Func<int, bool> matches)
    {
        var layers = Enumerable.Range(0, config.LayerCount).Where(matches).ToList();
        var contiguous = layers.Count > 1 && layers[^1] == config.LayerCount - 1
            && layers[^1] - layers[0] == layers.Count - 1;
        return contiguous ? $"{layers[0]}–{layers[^1]}" : string.Join(", ", layers);
    }
}
