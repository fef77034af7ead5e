using System.CommandLine.Parsing;

namespace SelfInstruct.Cli.Commands;

/// <summary>Names, default file names and writers of the <see cref="ExportFormat"/>s.</summary>
internal static class ExportFormats
{
    private static readonly Dictionary<string, ExportFormat> _names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["alpaca"] = ExportFormat.Alpaca,
        ["selfinstruct"] = ExportFormat.SelfInstruct,
        ["openai-chat"] = ExportFormat.OpenAIChat,
        ["openai-completions"] = ExportFormat.OpenAICompletions,
    };

    public static ExportFormat Parse(ArgumentResult result)
    {
        var name = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (_names.TryGetValue(name, out var format))
        {
            return format;
        }
        result.AddError($"--format: expected one of {string.Join(", ", _names.Keys)}, found '{name}'");
        return default;
    }

    public static string DefaultPath(string source, ExportFormat format) => Path.ChangeExtension(source, format switch
    {
        ExportFormat.Alpaca => ".json",
        ExportFormat.SelfInstruct => ".jsonl",
        ExportFormat.OpenAIChat => ".chat.jsonl",
        _ => ".completions.jsonl",
    });

    public static Task WriteAsync(
        string path, DatasetFile dataset, ExportFormat format, CancellationToken cancellationToken) => format switch
        {
            ExportFormat.Alpaca => DatasetFiles.WriteAsync(path, dataset, DatasetFormat.AlpacaJson, cancellationToken),
            ExportFormat.SelfInstruct => DatasetFiles.WriteAsync(
                path, dataset, DatasetFormat.SeedJsonl, cancellationToken),
            ExportFormat.OpenAIChat => OpenAIFineTuningJsonl.WriteChatAsync(path, dataset.Rows, cancellationToken),
            _ => OpenAIFineTuningJsonl.WriteCompletionsAsync(path, dataset.Rows, cancellationToken),
        };
}
