using System.CommandLine;
using Spectre.Console;

namespace SelfInstruct.Cli.View;

/// <summary>
/// <c>selfinstruct data curate</c>: says what a run's curation.jsonl does to its dataset and, with
/// <c>--apply</c>, writes the curated dataset to a Parquet file, leaving dataset.parquet as it is.
/// </summary>
internal sealed class CurateCommand : Command
{
    private readonly Argument<DirectoryInfo> _folder = new("RUN_DIR")
    {
        Description = "A generate output folder or a pipeline run folder whose dataset was curated with view.",
    };

    private readonly Option<bool> _apply = new("--apply")
    {
        Description = "Write the dataset with the edits applied and the rejected tasks left out.",
    };

    private readonly Option<FileInfo?> _output = new("--out")
    {
        Description = "The curated Parquet file --apply writes; replaced atomically.",
    };

    public CurateCommand(IAnsiConsole console)
        : base("curate", "Apply the hand edits of curation.jsonl (from selfinstruct view) to a run's dataset.")
    {
        Arguments.Add(_folder);
        Options.Add(_apply);
        Options.Add(_output);
        Validators.Add(result =>
        {
            if (result.GetValue(_apply) && result.GetValue(_output) is null)
            {
                result.AddError("--apply needs --out FILE: the curated dataset never replaces dataset.parquet");
            }
        });
        SetAction(async (parseResult, cancellationToken) =>
        {
            var run = RunFolder.Detect(parseResult.GetRequiredValue(_folder).FullName);
            var source = run.DatasetFile
                ?? throw new InvalidDataException($"{run.Root}: an evaluate folder holds no dataset to curate");
            var curated = CuratedDataset.Beside(source, await ParquetDatasetStore.ReadAsync(source, cancellationToken));
            console.MarkupLineInterpolated($"{CurationLog.PathBeside(source)}: {curated.Summary}.");
            if (parseResult.GetValue(_output) is { } output && parseResult.GetValue(_apply))
            {
                var file = curated.ToFile();
                await ParquetDatasetStore.WriteAsync(output.FullName, file.Rows, file.Metadata, cancellationToken);
                console.MarkupLineInterpolated($"Wrote {file.Rows.Count} rows to [bold]{output.FullName}[/].");
            }
            return 0;
        });
    }
}
