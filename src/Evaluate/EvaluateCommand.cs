using System.CommandLine;
using SelfInstruct.Core.Progress;
using SelfInstruct.Evaluate.Configuration;
using SelfInstruct.Evaluate.Models;
using SelfInstruct.Evaluate.Runs;
using Spectre.Console;

namespace SelfInstruct.Evaluate;

/// <summary>
/// <c>selfinstruct evaluate</c>: answers an evaluation set with every model under test, scores, compares with the
/// first model and writes results.json, predictions.parquet and the report. Settings: the defaults of
/// <see cref="EvaluationConfig"/>, then <c>--config</c>, then the options below. Resumes in its output folder.
/// </summary>
public sealed class EvaluateCommand : Command
{
    private readonly IAnsiConsole _console;
    private readonly Func<string, string?> _environment;

    private readonly EvaluateOptions _options = new();

    public EvaluateCommand(IAnsiConsole console, Func<string, string?> environment)
        : base("evaluate", "Compare models (base vs tuned) on SuperNI, the user-oriented set or held-out data.")
    {
        _console = console;
        _environment = environment;
        foreach (var option in _options.All)
        {
            Options.Add(option);
        }
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var config = await _options.ResolveAsync(parseResult, cancellationToken);
        var run = new EvaluationRun(new EndpointClients(config, _environment).Create);
        var result = await ProgressLoop.RunAsync(_console, new EvaluationProgressView(),
            parseResult.GetValue(_options.Plain), progress => run.RunAsync(config, progress, cancellationToken));
        EvaluationSummaryView.Render(_console, result.Results);
        _console.MarkupLine($"Results, predictions and the report " +
            $"({Markup.Escape(Path.GetFileName(result.Report.Html))}) in [bold]{Markup.Escape(config.Output!)}[/].");
        return 0;
    }
}
