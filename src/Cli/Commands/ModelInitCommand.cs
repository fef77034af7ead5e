using System.CommandLine;
using SelfInstruct.Model;
using SelfInstruct.Model.Tokenization;
using Spectre.Console;

namespace SelfInstruct.Cli.Commands;

/// <summary><c>selfinstruct model init</c>: a randomly initialised checkpoint with its tokenizer.</summary>
internal sealed class ModelInitCommand : Command
{
    private readonly IAnsiConsole _console;

    private readonly Option<DirectoryInfo> _output = new("--out")
    {
        Description = "The new checkpoint folder; it must not exist or be empty.",
        Required = true,
    };

    /// <summary>The settings' options, bound to <see cref="ModelInitConfig"/>.</summary>
    internal ConfigOptions<ModelInitConfig> Settings { get; } = new("model init settings");

    public ModelInitCommand(IAnsiConsole console)
        : base("init", "Make a randomly initialised checkpoint (weights N(0, 0.02²), seeded) with its tokenizer, " +
            "loadable by Hugging Face transformers.")
    {
        _console = console;
        DeclareSettings();
        foreach (var option in Settings.Bindings.Select(binding => binding.Option).Append(_output))
        {
            Options.Add(option);
        }
        SetAction(RunAsync);
    }

    private void DeclareSettings()
    {
        Settings.Choice("--arch", "Architecture.", config => config.Architecture);
        Settings.Choice("--preset", "Size: tiny (2 layers of width 64, for tests), mini (4 layers of width 128, " +
            "for CPU demos) or small (8 layers of width 512, about 25M parameters plus embeddings).",
            config => config.Preset);
        Settings.Text("--tokenizer", "byte|bpe|DIR", "byte (the 256 bytes plus <|endoftext|>; needs no " +
            "download), bpe (GPT-2 byte-level BPE trained here on --tokenizer-corpus up to --vocab-size ids) or a " +
            "folder holding vocab.json and merges.txt (GPT-2 byte-level BPE), whose tokenizer is copied.",
            config => config.Tokenizer);
        Settings.Value("--vocab-size", "N", "Ids of the bpe tokenizer: 256 bytes, merged tokens and <|endoftext|>.",
            config => config.VocabSize);
        Settings.List("--tokenizer-corpus", "FILE", "Text the bpe tokenizer learns from; repeatable. Dataset files " +
            "(.jsonl seed tasks, .json Alpaca, .parquet) give their instructions, inputs and outputs, other files " +
            "their raw text.", config => config.TokenizerCorpus, repeatable: true);
        Settings.Value("--seed", "N", "Seed of the random weights.", config => config.Seed);
        Settings.OptionalValue("--context-length", "N", "Positions the model can attend to; Self-Instruct's " +
            "prompts need about 1,100 with the byte tokenizer.", config => config.ContextLength,
            $"the preset's: {PresetContextLengths()}");
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var settings = Settings.Resolve(parseResult, new ModelInitConfig(), "model init settings");
        var tokenizer = settings.Tokenizer switch
        {
            "byte" => ModelTokenizer.CreateByteLevel(),
            "bpe" => BpeTrainer.Train(await ReadCorpusAsync(settings.TokenizerCorpus, cancellationToken),
                settings.VocabSize),
            var tokenizerFolder => ModelTokenizer.Load(tokenizerFolder),
        };
        var folder = parseResult.GetRequiredValue(_output).FullName;
        using var model = LocalModel.Create(settings.ModelConfig(tokenizer.VocabSize), tokenizer, settings.Seed);
        await model.SaveAsync(folder, cancellationToken);
        _console.MarkupLineInterpolated($"Wrote a new checkpoint to [bold]{folder}[/].");
        ModelInfoCommand.Describe(_console, folder);
        return 0;
    }

    private static string PresetContextLengths() => string.Join(", ", Enum.GetValues<ModelPreset>().Select(preset =>
        $"{EnumNames.Name(preset)} {ModelPresets.Create(ModelArchitecture.Llama, preset, 512).MaxPositions}"));

    private static async Task<List<string>> ReadCorpusAsync(
        IReadOnlyList<string> paths, CancellationToken cancellationToken)
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
}
