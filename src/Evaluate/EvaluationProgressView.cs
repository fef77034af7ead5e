using System.Globalization;
using SelfInstruct.Evaluate.Runs;
using Spectre.Console;

namespace SelfInstruct.Evaluate;

/// <summary>
/// Shows an evaluation's progress: one Spectre progress bar per model on an interactive console, a plain line every
/// few seconds otherwise.
/// </summary>
public static class EvaluationProgressView
{
    private static readonly TimeSpan _plainLineInterval = TimeSpan.FromSeconds(10);

    /// <summary>Starts the run with a progress sink and shows its progress until it ends.</summary>
    public static async Task<T> RunAsync<T>(IAnsiConsole console, Func<IProgress<EvaluationProgress>, Task<T>> start)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(start);
        var latest = new LatestProgress();
        var run = start(latest);
        if (console.Profile.Capabilities.Interactive)
        {
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                    new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var bars = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                    while (!run.IsCompleted)
                    {
                        Update(context, bars, latest.Value);
                        await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None));
                    }
                    Update(context, bars, latest.Value);
                    foreach (var bar in bars.Values)
                    {
                        bar.Value = bar.MaxValue;
                    }
                });
        }
        else
        {
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(_plainLineInterval, CancellationToken.None));
                if (!run.IsCompleted && latest.Value is { } progress)
                {
                    console.WriteLine(Line(progress));
                }
            }
        }
        return await run;
    }

    /// <summary>A one-line progress report.</summary>
    public static string Line(EvaluationProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return string.Create(CultureInfo.InvariantCulture,
            $"{progress.Phase} {progress.Model} ({progress.ModelIndex}/{progress.ModelCount}): " +
            $"{progress.Done}/{progress.Total} instances, {progress.Cached} from an earlier run");
    }

    private static void Update(ProgressContext context, Dictionary<string, ProgressTask> bars,
        EvaluationProgress? progress)
    {
        if (progress is null)
        {
            return;
        }
        var key = $"{progress.Phase} {progress.Model}";
        if (!bars.TryGetValue(key, out var bar))
        {
            // A new bar means the earlier ones are done, even if their last report was missed.
            foreach (var earlier in bars.Values)
            {
                earlier.Value = earlier.MaxValue;
            }
            bar = context.AddTask(Markup.Escape(key), maxValue: progress.Total);
            bars[key] = bar;
        }
        bar.Value = progress.Done;
    }

    private sealed class LatestProgress : IProgress<EvaluationProgress>
    {
        private EvaluationProgress? _value;

        public EvaluationProgress? Value => Volatile.Read(ref _value);

        public void Report(EvaluationProgress value) => Volatile.Write(ref _value, value);
    }
}
