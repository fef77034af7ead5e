using System.CommandLine;
using SelfInstruct.Core.Progress;
using SelfInstruct.Core.Prompts;
using SelfInstruct.Finetune.Configuration;
using SelfInstruct.Finetune.Reports;
using SelfInstruct.Finetune.Training;
using Spectre.Console;

namespace SelfInstruct.Finetune;

/// <summary>
/// <c>selfinstruct finetune</c>: tunes a base checkpoint on an instruction dataset. Settings: the defaults of
/// <see cref="FinetuneConfig"/>, then <c>--config</c>, then the options below.
/// </summary>
public sealed class FinetuneCommand : Command
{
    private readonly IAnsiConsole _console;
    private readonly FinetuneOptions _options = new();

    public FinetuneCommand(IAnsiConsole console)
        : base("finetune", "Fine-tune a checkpoint on an instruction dataset into a tuned checkpoint; resumable.")
    {
        _console = console;
        foreach (var option in _options.All)
        {
            Options.Add(option);
        }
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var config = await _options.ResolveAsync(parseResult, cancellationToken);
        _console.MarkupLine($"Fine-tuning [bold]{Markup.Escape(config.BaseModel)}[/] on " +
            $"[bold]{Markup.Escape(config.Data)}[/] ({PromptFormatFile.Name(config.Format)} format) into " +
            $"[bold]{Markup.Escape(config.Output)}[/].");
        var result = await ProgressLoop.RunAsync(_console, new FinetuneProgressView(),
            parseResult.GetValue(_options.Plain),
            progress => TrainingProcess.CreateRun(config).RunAsync(config, progress, cancellationToken));
        _console.Write(FinetuneProgressView.Summary(result));
        return 0;
    }
}
