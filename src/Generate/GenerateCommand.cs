using System.CommandLine;
using Microsoft.Extensions.Logging;
using SelfInstruct.Backends;
using Spectre.Console;

namespace SelfInstruct.Generate;

/// <summary>
/// <c>selfinstruct generate</c>: bootstraps an instruction dataset from a seed pool with Self-Instruct's four steps,
/// resumable in its output folder. Settings: the defaults of <see cref="GenerationConfig"/>, then <c>--config</c>,
/// then the options below.
/// </summary>
public sealed class GenerateCommand : StageCommand<GenerationConfig>
{
    private readonly Func<string, string?> _environment;
    private readonly ILoggerFactory _loggerFactory;

    private readonly Option<bool> _dryRun;

    public GenerateCommand(IAnsiConsole console, Func<string, string?> environment, ILoggerFactory loggerFactory)
        : this(console, environment, loggerFactory, new GenerateOptions())
    {
    }

    private GenerateCommand(IAnsiConsole console, Func<string, string?> environment, ILoggerFactory loggerFactory,
        GenerateOptions options)
        : base("generate", "Bootstrap an instruction dataset from seed tasks with Self-Instruct's pipeline.",
            console, options, "Print a progress line every 10 s instead of the live table.", options.DryRun)
    {
        _environment = environment;
        _loggerFactory = loggerFactory;
        _dryRun = options.DryRun;
    }

    protected override async Task<int> RunAsync(ParseResult parse, GenerationConfig config,
        CancellationToken cancellationToken)
    {
        if (parse.GetValue(_dryRun))
        {
            var templates = await PromptTemplates.LoadAsync(config.Templates, cancellationToken);
            var seeds = await GenerationRun.ReadSeedsAsync(config.Seeds, cancellationToken);
            RenderEstimate(config, config.Style == GenerationStyle.Alpaca
                ? AlpacaEstimate.For(config, templates.AlpacaTasks, seeds)
                : GenerationEstimate.For(config, templates, seeds.Select(seed => seed.Instruction).ToList()));
            return 0;
        }
        if (config is { Backend: GenerationBackend.Local, Api: OpenAIApi.Chat } && Directory.Exists(config.Model))
        {
            Console.MarkupLine($"[dim]{Markup.Escape(ChatFormat.Of(ChatTemplate.Load(config.Model)).Description)}.[/]");
        }
        var run = new GenerationRun(_environment, _loggerFactory);
        var result = await ShowProgressAsync(parse, new GenerationProgressView(),
            progress => run.RunAsync(config, progress, cancellationToken));
        GenerationSummaryView.Render(Console, result);
        Console.MarkupLine($"Stopped: [bold]{result.Statistics.StopReason}[/]. {result.Statistics.Instructions} " +
            $"instructions; data, its dataset card ({DatasetCard.FileName}), stats.md and plots in " +
            $"[bold]{Markup.Escape(config.Output!)}[/].");
        return 0;
    }

    private void RenderEstimate(GenerationConfig config, GenerationEstimate estimate)
    {
        var table = new Table().Title("dry run: estimate for the target size").AddColumns("figure", "value");
        table.Columns[1].RightAligned();
        table.AddRow("instruction generation requests", Number(estimate.InstructionRequests));
        table.AddRow("classification requests", Number(estimate.ClassificationRequests));
        table.AddRow("instance generation requests", Number(estimate.InstanceRequests));
        table.AddRow("requests in total", Number(estimate.Requests));
        table.AddRow("prompt tokens (about)", Number(estimate.InputTokens));
        table.AddRow("output tokens (at most)", Number(estimate.MaxOutputTokens));
        if (config.BatchApi)
        {
            table.AddRow($"Batch API rounds of {Number(config.RoundSize)} prompts",
                Number((estimate.InstructionRequests + config.RoundSize - 1) / config.RoundSize));
        }
        table.AddRow(config.BatchApi ? "cost at Batch API rates (at most)" : "cost (at most)",
            estimate.MaxCost.ToString("F2", CultureInfo.InvariantCulture));
        Console.Write(table);
        Console.MarkupLine($"Assumes {estimate.Assumption}; nothing was sent.");
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
