using System.Collections.Concurrent;
using System.CommandLine;
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
        var reports = new QueuedProgress();
        var run = Task.Run(() => new FinetuneRun().RunAsync(config, reports, cancellationToken), cancellationToken);
        if (_console.Profile.Capabilities.Interactive && !parseResult.GetValue(_options.Plain))
        {
            await ShowLiveAsync(run, reports);
        }
        else
        {
            await ShowLinesAsync(run, reports);
        }
        var result = await run;
        _console.Write(FinetuneProgressView.Summary(result));
        return 0;
    }

    private async Task ShowLiveAsync(Task run, QueuedProgress reports)
    {
        await _console.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(),
                new PercentageColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("starting", maxValue: 1);
                while (!run.IsCompleted)
                {
                    await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None));
                    while (reports.TryTake(out var report))
                    {
                        task.MaxValue = report.TotalSteps;
                        task.Value = report.Step;
                        task.Description = Markup.Escape(FinetuneProgressView.Line(report));
                    }
                }
            });
    }

    private async Task ShowLinesAsync(Task run, QueuedProgress reports)
    {
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None));
            while (reports.TryTake(out var report))
            {
                _console.WriteLine(FinetuneProgressView.Line(report));
            }
        }
    }

    private sealed class QueuedProgress : IProgress<TrainingProgress>
    {
        private readonly ConcurrentQueue<TrainingProgress> _queue = new();

        public void Report(TrainingProgress value) => _queue.Enqueue(value);

        public bool TryTake(out TrainingProgress report) => _queue.TryDequeue(out report!);
    }
}
