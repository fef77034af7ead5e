using System.Collections.Concurrent;
using System.Globalization;
using SelfInstruct.Finetune.Training;
using Spectre.Console;

namespace SelfInstruct.Finetune.Reports;

/// <summary>Renders training progress as one line and the finished run as a summary table.</summary>
public static class FinetuneProgressView
{
    /// <summary>
    /// Starts a run with a progress sink and shows its progress until it ends: a Spectre progress bar on an
    /// interactive console (unless <paramref name="plain"/>), otherwise one line per logging step.
    /// </summary>
    public static async Task<T> RunAsync<T>(
        IAnsiConsole console, Func<IProgress<TrainingProgress>, Task<T>> start, bool plain = false)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(start);
        var reports = new QueuedProgress();
        var run = start(reports);
        if (console.Profile.Capabilities.Interactive && !plain)
        {
            await ShowLiveAsync(console, run, reports);
        }
        else
        {
            await ShowLinesAsync(console, run, reports);
        }
        return await run;
    }

    /// <summary>Step, epoch, loss, validation loss, learning rate, tokens per second and ETA.</summary>
    public static string Line(TrainingProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var validation = progress.ValidationLoss is { } value ? $", val loss {Fixed(value, "F4")}" : "";
        return $"step {progress.Step}/{progress.TotalSteps}, epoch {Fixed(progress.Epoch, "F2")}, " +
            $"loss {Fixed(progress.Loss, "F4")}{validation}, lr {Fixed(progress.LearningRate, "E2")}, " +
            $"{Fixed(progress.TokensPerSecond, "N0")} tokens/s, ETA {Time(progress.Eta)}";
    }

    /// <summary>The end-of-run table.</summary>
    public static Table Summary(FinetuneResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = new Table().Title("selfinstruct finetune").AddColumns("figure", "value");
        table.Columns[1].RightAligned();
        table.AddRow("steps", result.Steps.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("training loss, first → last",
            $"{Fixed(result.FirstLoss, "F4")} → {Fixed(result.LastLoss, "F4")}");
        table.AddRow("validation loss", result.ValidationLoss is { } value ? Fixed(value, "F4") : "no split");
        table.AddRow("tokens trained", result.TokensTrained.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("examples used / truncated / dropped",
            $"{result.Examples.Used:N0} / {result.Examples.Truncated:N0} / {result.Examples.Dropped:N0}");
        table.AddRow("validation examples", result.ValidationExamples.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("padding", Fixed(result.PaddingFraction, "P1"));
        table.AddRow("time", Time(result.Elapsed));
        table.AddRow("checkpoint", Markup.Escape(result.CheckpointFolder));
        return table;
    }

    private static string Fixed(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Time(TimeSpan? time) =>
        time?.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture) ?? "unknown";

    private static async Task ShowLiveAsync(IAnsiConsole console, Task run, QueuedProgress reports)
    {
        await console.Progress()
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

    private static async Task ShowLinesAsync(IAnsiConsole console, Task run, QueuedProgress reports)
    {
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None));
            while (reports.TryTake(out var report))
            {
                console.WriteLine(FinetuneProgressView.Line(report));
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
