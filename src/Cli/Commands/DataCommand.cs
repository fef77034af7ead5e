using System.CommandLine;
using SelfInstruct.Core.Formats;
using Spectre.Console;

namespace SelfInstruct.Cli.Commands;

/// <summary><c>selfinstruct data</c>: convert datasets between formats and summarise them.</summary>
internal sealed class DataCommand : Command
{
    public DataCommand(IAnsiConsole console)
        : base("data", "Convert datasets between seed JSONL, Alpaca JSON and Parquet; summarise them.")
    {
        Subcommands.Add(CreateConvert(console));
        Subcommands.Add(CreateStats(console));
    }

    private static Command CreateConvert(IAnsiConsole console)
    {
        var input = new Argument<FileInfo>("IN") { Description = "The dataset to read." };
        var output = new Argument<FileInfo>("OUT") { Description = "Where to write; replaced atomically." };
        var inputFormat = FormatOption.Create("--input-format", "Format of IN");
        var format = FormatOption.Create("--format", "Format of OUT");
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
                source, FormatOption.Parse(parseResult.GetValue(inputFormat)), cancellationToken);
            await DatasetFiles.WriteAsync(
                target, dataset, FormatOption.Parse(parseResult.GetValue(format)), cancellationToken);
            console.MarkupLineInterpolated($"Wrote {dataset.Rows.Count} rows to [bold]{target}[/].");
            return 0;
        });
        return command;
    }

    private static Command CreateStats(IAnsiConsole console)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The dataset to summarise." };
        var inputFormat = FormatOption.Create("--input-format", "Format of FILE");
        var command = new Command("stats",
            "Print task, instance and classification counts and word-length statistics of a dataset.")
        {
            file, inputFormat,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetRequiredValue(file).FullName;
            var dataset = await DatasetFiles.ReadAsync(
                path, FormatOption.Parse(parseResult.GetValue(inputFormat)), cancellationToken);
            DatasetStatisticsView.Render(console, path, dataset);
            return 0;
        });
        return command;
    }
}
