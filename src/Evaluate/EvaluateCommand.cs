using System.CommandLine;
using Spectre.Console;

namespace SelfInstruct.Evaluate;

/// <summary>
/// <c>selfinstruct evaluate</c>: answers an evaluation set with every model under test, scores, compares with the
/// first model and writes results.json, predictions.parquet and the report. Settings: the defaults of
/// <see cref="EvaluationConfig"/>, then <c>--config</c>, then the options below. Resumes in its output folder.
/// </summary>
public sealed class EvaluateCommand : StageCommand<EvaluationConfig>
{
    private readonly Func<string, string?> _environment;

    public EvaluateCommand(IAnsiConsole console, Func<string, string?> environment)
        : base("evaluate", "Compare models (base vs tuned) on SuperNI, the user-oriented set or held-out data.",
            console, new EvaluateOptions(), "Print a progress line every 10 s instead of progress bars.")
    {
        _environment = environment;
    }

    protected override async Task<int> RunAsync(ParseResult parse, EvaluationConfig config,
        CancellationToken cancellationToken)
    {
        var run = new EvaluationRun(new EndpointClients(config, _environment).Create);
        var result = await ShowProgressAsync(parse, new EvaluationProgressView(),
            progress => run.RunAsync(config, progress, cancellationToken));
        EvaluationSummaryView.Render(Console, result.Results);
        Console.MarkupLine($"Results, predictions and the report " +
            $"({Markup.Escape(Path.GetFileName(result.Report.Html))}) in [bold]{Markup.Escape(config.Output!)}[/].");
        return 0;
    }
}
