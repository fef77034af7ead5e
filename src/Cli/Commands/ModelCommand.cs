using System.CommandLine;
using System.Globalization;
using SelfInstruct.Core.Formats;
using SelfInstruct.Model;
using SelfInstruct.Model.Checkpoints;
using SelfInstruct.Model.Tokenization;
using Spectre.Console;

namespace SelfInstruct.Cli.Commands;

/// <summary><c>selfinstruct model</c>: make a checkpoint from scratch, or describe one.</summary>
internal sealed class ModelCommand : Command
{
    private const int MinVocabSize = 257;

    private static readonly Dictionary<string, ModelArchitecture> _architectures = new(StringComparer.Ordinal)
    {
        ["gpt2"] = ModelArchitecture.Gpt2,
        ["llama"] = ModelArchitecture.Llama,
        ["qwen2"] = ModelArchitecture.Qwen2,
    };

    public ModelCommand(IAnsiConsole console)
        : base(
            "model",
            "Make a decoder-only model from scratch, or describe a checkpoint folder (Hugging Face layout).")
    {
        Subcommands.Add(CreateInit(console));
        Subcommands.Add(CreateInfo(console));
    }

    private static Command CreateInit(IAnsiConsole console)
    {
        var architecture = Choice("--arch", "Architecture: gpt2, llama or qwen2.", "llama", [.. _architectures.Keys]);
        var preset = Choice("--preset", "Size: tiny (2 layers of width 64, for tests), mini (4 layers of width 128, " +
            "for CPU demos) or small (8 layers of width 512, about 25M parameters plus embeddings).", "tiny",
            ["tiny", "mini", "small"]);
        var tokenizer = new Option<string>("--tokenizer")
        {
            Description = "byte (the 256 bytes plus <|endoftext|>; needs no download), bpe (GPT-2 byte-level BPE " +
                "trained here on --tokenizer-corpus up to --vocab-size ids) or a folder holding vocab.json and " +
                "merges.txt (GPT-2 byte-level BPE), whose tokenizer is copied.",
            DefaultValueFactory = _ => "byte",
        };
        var vocabSize = new Option<int>("--vocab-size")
        {
            Description = "Ids of the bpe tokenizer: 256 bytes, merged tokens and <|endoftext|>.",
            DefaultValueFactory = _ => 2048,
        };
        vocabSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < MinVocabSize)
            {
                result.AddError($"--vocab-size must be at least {MinVocabSize} (the bytes and <|endoftext|>), " +
                    $"found {result.GetValueOrDefault<int>()}");
            }
        });
        var corpus = new Option<string[]>("--tokenizer-corpus")
        {
            Description = "Text the bpe tokenizer learns from; repeatable. Dataset files (.jsonl seed tasks, .json " +
                "Alpaca, .parquet) give their instructions, inputs and outputs, other files their raw text.",
            DefaultValueFactory = _ => ["data/seed_tasks.jsonl"],
        };
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the random weights.",
            DefaultValueFactory = _ => 0,
        };
        var contextLength = new Option<int?>("--context-length")
        {
            Description = "Positions the model can attend to; Self-Instruct's prompts need about 1,100 with the " +
                "byte tokenizer [default: 256 for tiny, 1024 for small].",
        };
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "The new checkpoint folder; it must not exist or be empty.",
            Required = true,
        };
        var command = new Command("init",
            "Make a randomly initialised checkpoint (weights N(0, 0.02²), seeded) with its tokenizer, loadable by " +
            "Hugging Face transformers.")
        {
            architecture, preset, tokenizer, vocabSize, corpus, seed, contextLength, output,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var chosen = parseResult.GetRequiredValue(tokenizer) switch
            {
                "byte" => ModelTokenizer.CreateByteLevel(),
                "bpe" => BpeTrainer.Train(
                    await ReadCorpusAsync(parseResult.GetRequiredValue(corpus), cancellationToken),
                    parseResult.GetValue(vocabSize)),
                var tokenizerFolder => ModelTokenizer.Load(tokenizerFolder),
            };
            var config = ModelPresets.Create(_architectures[parseResult.GetRequiredValue(architecture)],
                Enum.Parse<ModelPreset>(parseResult.GetRequiredValue(preset), ignoreCase: true), chosen.VocabSize);
            if (parseResult.GetValue(contextLength) is { } positions)
            {
                config = config with { MaxPositions = positions };
            }
            var folder = parseResult.GetRequiredValue(output).FullName;
            using var model = LocalModel.Create(config, chosen, parseResult.GetValue(seed));
            await model.SaveAsync(folder, cancellationToken);
            console.MarkupLineInterpolated($"Wrote a new checkpoint to [bold]{folder}[/].");
            Describe(console, folder);
            return 0;
        });
        return command;
    }

    private static async Task<List<string>> ReadCorpusAsync(string[] paths, CancellationToken cancellationToken)
    {
        var texts = new List<string>();
        foreach (var path in paths)
        {
            if (Path.GetExtension(path).ToLowerInvariant() is ".jsonl" or ".json" or ".parquet")
            {
                var dataset = await DatasetFiles.ReadAsync(path, null, cancellationToken);
                texts.AddRange(dataset.Rows.SelectMany(row => new[] { row.Instruction, row.Input, row.Output }));
            }
            else
            {
                texts.Add(await File.ReadAllTextAsync(path, cancellationToken));
            }
        }
        return texts;
    }

    private static Option<string> Choice(string name, string description, string defaultValue, string[] choices)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.AcceptOnlyFromAmong(choices);
        return option;
    }

    private static Command CreateInfo(IAnsiConsole console)
    {
        var folder = new Argument<DirectoryInfo>("DIR") { Description = "A checkpoint folder (config.json, weights)." };
        var command = new Command("info",
            "Print a checkpoint's architecture, parameter count, dtype, tokenizer and context length without " +
            "loading its weights.")
        {
            folder,
        };
        command.SetAction(parseResult =>
        {
            Describe(console, parseResult.GetRequiredValue(folder).FullName);
            return 0;
        });
        return command;
    }

    private static void Describe(IAnsiConsole console, string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"{folder}: no such checkpoint folder");
        }
        var config = HfConfigFile.Read(Path.Combine(folder, HfConfigFile.FileName));
        string[] tokenizerFiles =
            [ModelTokenizer.VocabFileName, ModelTokenizer.TokenizerJsonFileName, ModelTokenizer.SentencePieceFileName];
        var tokenizer = tokenizerFiles.Any(file => File.Exists(Path.Combine(folder, file)))
            ? ModelTokenizer.Load(folder).Description
            : "none (no vocab.json, tokenizer.json or tokenizer.model)";
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string name, string value) => grid.AddRow(new Text(name), new Text(value));
        Row("architecture", _architectures.Single(pair => pair.Value == config.Architecture).Key);
        Row("parameters", Checkpoint.CountParameters(folder).ToString("N0", CultureInfo.InvariantCulture));
        Row("dtype", config.Dtype);
        Row("tokenizer", tokenizer);
        Row("context length", config.MaxPositions.ToString(CultureInfo.InvariantCulture));
        Row("layers", string.Create(CultureInfo.InvariantCulture,
            $"{config.LayerCount} × hidden {config.HiddenSize}, {config.HeadCount} heads " +
            $"({config.KeyValueHeadCount} key/value), MLP {config.IntermediateSize}"));
        Row("vocabulary", config.VocabSize.ToString(CultureInfo.InvariantCulture) +
            (config.TieWordEmbeddings ? ", head tied to the embedding" : ", separate head"));
        console.Write(grid);
    }
}
