using System.CommandLine;
using Microsoft.Extensions.Logging;
using SelfInstruct.Core.Progress;
using SelfInstruct.Generate.Configuration;
using SelfInstruct.Generate.Pipeline;
using SelfInstruct.Generate.Prompts;
using SelfInstruct.Generate.Reports;
using Spectre.Console;

namespace SelfInstruct.Generate;

/// <summary>
/// <c>selfinstruct generate</c>: bootstraps an instruction dataset from a seed pool with Self-Instruct's four steps,
/// resumable in its output folder. Settings: the defaults of <see cref="GenerationConfig"/>, then <c>--config</c>,
/// then the options below.
/// </summary>
public sealed class GenerateCommand : Command
{
    private readonly IAnsiConsole _console;
    private readonly Func<string, string?> _environment;
    private readonly ILoggerFactory _loggerFactory;

    private readonly GenerateOptions _options = new();

    public GenerateCommand(IAnsiConsole console, Func<string, string?> environment, ILoggerFactory loggerFactory)
        : base("generate", "Bootstrap an instruction dataset from seed tasks with Self-Instruct's pipeline.")
    {
        _console = console;
        _environment = environment;
        _loggerFactory = loggerFactory;
        foreach (var option in _options.All)
        {
            Options.Add(option);
        }
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var config = await _options.ResolveAsync(parseResult, cancellationToken);
        if (parseResult.GetValue(_options.DryRun))
        {
            var templates = await PromptTemplates.LoadAsync(config.Templates, cancellationToken);
            var seeds = await GenerationRun.ReadSeedsAsync(config.Seeds, cancellationToken);
            RenderEstimate(GenerationEstimate.For(config, templates, seeds.Select(seed => seed.Instruction).ToList()));
            return 0;
        }
        var run = new GenerationRun(_environment, _loggerFactory);
        var result = await ProgressLoop.RunAsync(_console, new GenerationProgressView(),
            parseResult.GetValue(_options.Plain), progress => run.RunAsync(config, progress, cancellationToken));
        GenerationSummaryView.Render(_console, result);
        _console.MarkupLine($"Stopped: [bold]{result.Statistics.StopReason}[/]. {result.Statistics.Instructions} " +
            $"instructions; data, stats.md and plots in [bold]{Markup.Escape(config.Output!)}[/].");
        return 0;
    }

    private void RenderEstimate(GenerationEstimate estimate)
    {
        var table = new Table().Title("dry run: estimate for the target size").AddColumns("figure", "value");
        table.Columns[1].RightAligned();
        table.AddRow("instruction generation requests", Number(estimate.InstructionRequests));
        table.AddRow("classification requests", Number(estimate.ClassificationRequests));
        table.AddRow("instance generation requests", Number(estimate.InstanceRequests));
        table.AddRow("requests in total", Number(estimate.Requests));
        table.AddRow("prompt tokens (about)", Number(estimate.InputTokens));
        table.AddRow("output tokens (at most)", Number(estimate.MaxOutputTokens));
        table.AddRow("cost (at most)", estimate.MaxCost.ToString("F2", CultureInfo.InvariantCulture));
        _console.Write(table);
        _console.MarkupLine(
            $"Assumes {GenerationEstimate.AcceptedPerRequest.ToString(CultureInfo.InvariantCulture)} accepted " +
            "instructions per instruction generation request; nothing was sent.");
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
