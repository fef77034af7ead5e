using System.CommandLine;
using Spectre.Console;

namespace SelfInstruct.Cli.Commands;

/// <summary><c>selfinstruct data</c>: convert datasets between formats, summarise them and check them against
/// evaluation sets.</summary>
internal sealed class DataCommand : Command
{
    public DataCommand(IAnsiConsole console)
        : base("data", "Convert, export, summarise and decontaminate datasets (seed JSONL, Alpaca JSON, Parquet, " +
            "OpenAI JSONL).")
    {
        Subcommands.Add(CreateConvert(console));
        Subcommands.Add(CreateExport(console));
        Subcommands.Add(CreateStats(console));
        Subcommands.Add(new CurateCommand(console));
        Subcommands.Add(new DecontaminateCommand(console));
    }

    private static Command CreateConvert(IAnsiConsole console)
    {
        var input = new Argument<FileInfo>("IN") { Description = "The dataset to read." };
        var output = new Argument<FileInfo>("OUT") { Description = "Where to write; replaced atomically." };
        var inputFormat = DatasetFormatOption("--input-format", "IN");
        var format = DatasetFormatOption("--format", "OUT");
        var command = new Command("convert",
            "Convert a dataset: tasks become one row per instance in Parquet and Alpaca, and rows group back into " +
            "tasks by task_id in JSONL. Parquet metadata is kept only when OUT is Parquet.")
        {
            input, output, inputFormat, format,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var source = parseResult.GetRequiredValue(input).FullName;
            var target = parseResult.GetRequiredValue(output).FullName;
            var dataset = await DatasetFiles.ReadAsync(
                source, parseResult.GetValue(inputFormat), cancellationToken);
            await DatasetFiles.WriteAsync(
                target, dataset, parseResult.GetValue(format), cancellationToken);
            console.MarkupLineInterpolated($"Wrote {dataset.Rows.Count} rows to [bold]{target}[/].");
            return 0;
        });
        return command;
    }

    private static Command CreateExport(IAnsiConsole console)
    {
        var input = new Argument<FileInfo>("FILE") { Description = "The dataset to export, such as dataset.parquet." };
        var format = EnumOption.Create<ExportFormat>("--format", "alpaca (JSON array), selfinstruct (seed JSONL, " +
            "tasks grouped), openai-chat ({\"messages\": [user, assistant]} lines) or openai-completions " +
            "({\"prompt\", \"completion\"} lines)");
        format.Required = true;
        var output = new Option<FileInfo?>("--out")
        {
            Description = "Where to write [default: FILE with the format's extension: .json, .jsonl, .chat.jsonl, " +
                ".completions.jsonl]",
        };
        var command = new Command("export", "Write a dataset in the format another tool takes.")
        {
            input, format, output,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var source = parseResult.GetRequiredValue(input).FullName;
            var exportFormat = parseResult.GetRequiredValue(format)!.Value;
            var target = parseResult.GetValue(output)?.FullName ?? ExportFormats.DefaultPath(source, exportFormat);
            var curated = CuratedDataset.Beside(source, await DatasetFiles.ReadAsync(source, null, cancellationToken));
            if (curated.Logged > 0)
            {
                console.MarkupLineInterpolated($"{CurationLog.FileName}: {curated.Summary}.");
            }
            var dataset = curated.Dataset;
            await ExportFormats.WriteAsync(target, dataset, exportFormat, cancellationToken);
            console.MarkupLineInterpolated($"Exported {dataset.Rows.Count} rows to [bold]{target}[/].");
            return 0;
        });
        return command;
    }

    private static Command CreateStats(IAnsiConsole console)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The dataset to summarise." };
        var inputFormat = DatasetFormatOption("--input-format", "FILE");
        var command = new Command("stats",
            "Print task, instance and classification counts and word-length statistics of a dataset.")
        {
            file, inputFormat,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetRequiredValue(file).FullName;
            var dataset = await DatasetFiles.ReadAsync(
                path, parseResult.GetValue(inputFormat), cancellationToken);
            DatasetStatisticsView.Render(console, path, dataset);
            return 0;
        });
        return command;
    }

    private static Option<DatasetFormat?> DatasetFormatOption(string name, string file) =>
        EnumOption.Create<DatasetFormat>(name, $"Format of {file}: jsonl (Self-Instruct seed tasks), json (Alpaca) " +
            "or parquet [default: from the file extension]");
}
