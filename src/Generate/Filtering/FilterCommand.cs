using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;

namespace SelfInstruct.Generate.Filtering;

/// <summary>
/// <c>selfinstruct filter</c>: runs candidate instructions through Self-Instruct's filter in order, each against the
/// pool and every candidate accepted before it, and reports what was kept and why the rest was rejected.
/// </summary>
public sealed class FilterCommand : Command
{
    private readonly IAnsiConsole _console;

    private readonly Argument<FileInfo> _candidates = new("CANDIDATES")
    {
        Description = "Instructions to filter, in order: a dataset (.jsonl seed tasks, .json Alpaca, .parquet) " +
            "or a .txt file with one instruction per line. Repeated instructions count once.",
    };

    private readonly Option<FileInfo?> _pool = new("--pool")
    {
        Description = "Instructions already in the pool, such as the seed tasks, that candidates must differ from " +
            "[default: an empty pool].",
    };

    private readonly Option<double> _threshold = new("--threshold")
    {
        Description = "Reject a candidate whose ROUGE-L F to any pool instruction is above this.",
        DefaultValueFactory = _ => new GenerationConfig().SimilarityThreshold,
    };

    private readonly Option<bool> _alpacaKeywords = new("--alpaca-keywords")
    {
        Description = "Also reject Alpaca's extra keywords: video, audio, music, flowchart, diagram.",
    };

    private readonly Option<TextMode?> _textMode = EnumOption.Create<TextMode>("--text-mode",
        $"{GenerateOptions.TextModeDescription} Unset: {EnumNames.Name(new GenerationConfig().TextMode)}, as generate.");

    private readonly Option<FileInfo?> _blacklist = new("--blacklist")
    {
        HelpName = "FILE",
        Description = GenerateOptions.BlacklistDescription,
    };

    private readonly Option<FileInfo?> _out = new("--out")
    {
        Description = "Write the accepted instructions as a Parquet dataset with their similarity to the pool.",
    };

    public FilterCommand(IAnsiConsole console)
        : base("filter", "Run instructions through Self-Instruct's filter and report what it keeps and why.")
    {
        _console = console;
        Arguments.Add(_candidates);
        Options.Add(_pool);
        Options.Add(_threshold);
        Options.Add(_alpacaKeywords);
        Options.Add(_textMode);
        Options.Add(_blacklist);
        Options.Add(_out);
        _threshold.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (value is < 0 or > 1)
            {
                result.AddError($"--threshold must lie in 0..1, found {value.ToString(CultureInfo.InvariantCulture)}");
            }
        });
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var mode = parseResult.GetValue(_textMode) ?? new GenerationConfig().TextMode;
        var keywords = parseResult.GetValue(_blacklist) is { } file ? KeywordBlacklist.Read(file.FullName) : null;
        var candidates = await ReadInstructionsAsync(parseResult.GetRequiredValue(_candidates), cancellationToken);
        var pool = new SimilarityPool(mode: mode);
        if (parseResult.GetValue(_pool) is { } poolFile)
        {
            pool.AddRange(await ReadInstructionsAsync(poolFile, cancellationToken));
        }
        var initialPoolSize = pool.Count;
        var heuristics = new InstructionFilter(parseResult.GetValue(_alpacaKeywords), mode, keywords);
        var filter = new BootstrapFilter(pool, heuristics, parseResult.GetValue(_threshold));
        var stopwatch = Stopwatch.StartNew();
        var decisions = new List<FilterDecision>(candidates.Count);
        await _console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(context =>
            {
                var task = context.AddTask("filtering", maxValue: Math.Max(1, candidates.Count));
                foreach (var candidate in candidates)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    decisions.Add(filter.Consider(candidate));
                    task.Increment(1);
                }
                return Task.CompletedTask;
            });
        stopwatch.Stop();
        FilterReport.Render(_console, decisions, initialPoolSize, stopwatch.Elapsed);
        if (parseResult.GetValue(_out) is { } output)
        {
            await WriteAcceptedAsync(output.FullName, decisions, filter.Threshold, mode, cancellationToken);
            _console.MarkupLineInterpolated($"Accepted instructions written to [bold]{output.FullName}[/].");
        }
        return 0;
    }

    private static async Task<IReadOnlyList<string>> ReadInstructionsAsync(FileInfo file, CancellationToken token)
    {
        IEnumerable<string> instructions = file.Extension.Equals(".txt", StringComparison.OrdinalIgnoreCase)
            ? Utf8Lines.Read(file.FullName).Select(line => line.Text).Where(line => line.Trim().Length > 0)
            : (await DatasetFiles.ReadAsync(file.FullName, null, token)).Rows.Select(row => row.Instruction);
        return instructions.Distinct(StringComparer.Ordinal).ToList();
    }

    private static Task WriteAcceptedAsync(string path, IEnumerable<FilterDecision> decisions, double threshold,
        TextMode mode, CancellationToken cancellationToken)
    {
        var rows = decisions
            .Where(decision => decision.Accepted)
            .Select((decision, index) => new DatasetRow
            {
                TaskId = $"filtered_{index}",
                Instruction = decision.Instruction,
                Origin = TaskOrigin.Machine,
                MaxSimilarity = decision.Similarity!.MaxScore,
                MostSimilarInstruction = decision.Similarity.MostSimilar.Count > 0
                    ? decision.Similarity.MostSimilar[0].Instruction
                    : null,
                MeanSimilarity = decision.Similarity.MeanScore,
            });
        var metadata = new Dictionary<string, string>
        {
            ["selfinstruct.filter.threshold"] = threshold.ToString(CultureInfo.InvariantCulture),
            ["selfinstruct.filter.text_mode"] = EnumNames.Name(mode),
        };
        return ParquetDatasetStore.WriteAsync(path, rows, metadata, cancellationToken);
    }
}
