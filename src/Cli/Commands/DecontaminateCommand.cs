using System.CommandLine;
using SelfInstruct.Evaluate.Decontamination;
using Spectre.Console;

namespace SelfInstruct.Cli.Commands;

/// <summary>
/// <c>selfinstruct data decontaminate</c>: flags the dataset's tasks that overlap evaluation sets, writes
/// decontamination.md and decontamination.json, and with <c>--out</c> the dataset without them.
/// </summary>
internal sealed class DecontaminateCommand : Command
{
    private readonly IAnsiConsole _console;

    private readonly Argument<FileInfo> _dataset = new("DATASET")
    {
        Description = "The dataset to check (.parquet, .jsonl seed tasks, .json Alpaca).",
    };

    private readonly Option<string[]> _against = new("--against")
    {
        HelpName = "SET",
        Description = "Evaluation sets, one or more: a SuperNI task folder (such as ../shared/data/superni or " +
            "data/eval), a .jsonl of tasks (the user-oriented instructions) or a dataset file (every task counts).",
        Required = true,
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<FileInfo?> _output = new("--out")
    {
        HelpName = "FILE",
        Description = "Write the dataset without the flagged tasks here (format from the extension); every other " +
            "row is kept as it is.",
    };

    private readonly Option<DirectoryInfo?> _reportFolder = new("--report")
    {
        HelpName = "DIR",
        Description = "Where decontamination.md and decontamination.json go [default: the dataset's folder]",
    };

    /// <summary>The settings' options, bound to <see cref="DecontaminationSettings"/>.</summary>
    internal ConfigOptions<DecontaminationSettings> Settings { get; } = new("decontamination settings");

    public DecontaminateCommand(IAnsiConsole console)
        : base("decontaminate", "Flag the tasks of a dataset that overlap evaluation sets: an instruction close in " +
            "ROUGE-L to an evaluation instruction, or a shared n-gram with an evaluation instance.")
    {
        _console = console;
        Settings.Value("--rouge-l-threshold", "F", "Flag an instruction whose ROUGE-L F (no stemming) to an " +
            "evaluation instruction is at least F; the default is the similarity Self-Instruct's filter refuses as " +
            "not novel.", settings => settings.RougeLThreshold);
        Settings.Value("--n-gram-length", "N", "Flag a task sharing a run of N lower-cased tokens with an " +
            "evaluation instance; the default is the GPT-3 paper's.", settings => settings.NGramLength);
        Settings.Value("--closest-pairs", "N", "Pairs of highest ROUGE-L the report shows side by side.",
            settings => settings.ClosestPairs);
        Settings.Choice("--text-mode", "How texts become tokens: english (rouge_score's tokenizer) or unicode " +
            "(any script).", settings => settings.TextMode);
        foreach (var option in Settings.Bindings.Select(binding => binding.Option)
            .Prepend(_reportFolder).Prepend(_output).Prepend(_against))
        {
            Options.Add(option);
        }
        Arguments.Add(_dataset);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var settings = Settings.Resolve(parseResult, new DecontaminationSettings(), "decontamination settings");
        var path = parseResult.GetRequiredValue(_dataset).FullName;
        var sets = await AgainstSets.LoadAllAsync(parseResult.GetRequiredValue(_against), cancellationToken);
        var dataset = await DatasetFiles.ReadAsync(path, null, cancellationToken);
        var report = Decontaminator.Check(path, dataset.Rows, sets, settings);
        if (parseResult.GetValue(_output) is { } output)
        {
            await DecontaminationFiles.WriteWithoutAsync(output.FullName, dataset, report.FlaggedTaskIds(),
                cancellationToken);
            report = report with { CleanedDataset = output.FullName };
        }
        var folder = parseResult.GetValue(_reportFolder)?.FullName ?? Path.GetDirectoryName(path)!;
        report = await DecontaminationFiles.WriteAsync(folder, report, cancellationToken);
        Render(report);
        return 0;
    }

    private void Render(DecontaminationReport report)
    {
        var table = new Table().AddColumns("evaluation set", "tasks", "instances", "overlapping", "ROUGE-L",
            "n-gram");
        foreach (var set in report.Sets)
        {
            table.AddRow(Markup.Escape(set.Name), Count(set.Tasks), Count(set.Instances), Count(set.FlaggedTasks),
                Count(set.ByRougeL), Count(set.ByNGram));
        }
        _console.Write(table);
        _console.MarkupLineInterpolated(
            $"{report.FlaggedTasks} of {report.Tasks} tasks overlap; report: [bold]{report.Markdown}[/].");
        if (report.CleanedDataset is { } cleaned)
        {
            _console.MarkupLineInterpolated($"Wrote the dataset without them to [bold]{cleaned}[/].");
        }
    }

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
