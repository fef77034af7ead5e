namespace SelfInstruct.Cli.Commands;

/// <summary>Default file names and writers of the <see cref="ExportFormat"/>s.</summary>
internal static class ExportFormats
{
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
