using Spectre.Console;

namespace SelfInstruct.Evaluate;

/// <summary>
/// Shows an evaluation's progress: one Spectre progress bar per model on an interactive console, a plain line every
/// 10 s otherwise.
/// </summary>
public sealed class EvaluationProgressView : IProgressView<EvaluationProgress>
{
    /// <inheritdoc />
    public TimeSpan? PlainInterval => TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public Task ShowLiveAsync(IAnsiConsole console, Func<Action<EvaluationProgress?>, Task> poll)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(poll);
        return console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var bars = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                await poll(progress => Update(context, bars, progress));
                foreach (var bar in bars.Values)
                {
                    bar.Value = bar.MaxValue;
                }
            });
    }

    /// <summary>A one-line progress report.</summary>
    public string Line(EvaluationProgress progress)
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
}
