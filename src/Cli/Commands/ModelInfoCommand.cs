using System.CommandLine;
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
        Row("context length", config.MaxPositions.ToString(CultureInfo.InvariantCulture));
        Row("layers", string.Create(CultureInfo.InvariantCulture,
            $"{config.LayerCount} × hidden {config.HiddenSize}, {config.HeadCount} heads " +
            $"({config.KeyValueHeadCount} key/value), MLP {config.IntermediateSize}"));
        Row("vocabulary", config.VocabSize.ToString(CultureInfo.InvariantCulture) +
            (config.TieWordEmbeddings ? ", head tied to the embedding" : ", separate head"));
        console.Write(grid);
    }
}
