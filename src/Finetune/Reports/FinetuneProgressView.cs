using Spectre.Console;

namespace SelfInstruct.Finetune.Reports;

/// <summary>
/// Renders training progress: a progress bar on an interactive console, otherwise a line per logging step; and the
/// finished run as a summary table.
/// </summary>
public sealed class FinetuneProgressView : IProgressView<TrainingProgress>
{
    /// <inheritdoc />
    public TimeSpan? PlainInterval => null;

    /// <inheritdoc />
    public Task ShowLiveAsync(IAnsiConsole console, Func<Action<TrainingProgress?>, Task> poll)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(poll);
        return console.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(),
                new PercentageColumn())
            .StartAsync(context =>
            {
                var task = context.AddTask("starting", maxValue: 1);
                return poll(report =>
                {
                    if (report is not null)
                    {
                        task.MaxValue = report.TotalSteps;
                        task.Value = report.Step;
                        task.Description = Markup.Escape(Line(report));
                    }
                });
            });
    }

    /// <summary>Step, epoch, loss, validation loss, learning rate, tokens per second and ETA.</summary>
    public string Line(TrainingProgress progress)
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

    /// <summary>
    /// One line: the plan's parts and total in MiB, the batch size and the free memory (MemAvailable on the CPU).
    /// </summary>
    public static string MemoryPlanLine(MemoryPlan plan, long? free)
    {
        ArgumentNullException.ThrowIfNull(plan);
        static string MiB(long bytes) => (bytes / 1048576.0).ToString("N0", CultureInfo.InvariantCulture);
        return $"memory plan (batch {plan.BatchSize}): weights {MiB(plan.Weights)} MiB, gradients " +
            $"{MiB(plan.Gradients)} MiB, AdamW state {MiB(plan.OptimizerState)} MiB, activations " +
            $"{MiB(plan.Activations)} MiB, runtime {MiB(MemoryPlan.RuntimeOverhead)} MiB, total {MiB(plan.Total)} " +
            $"MiB; free {(free is { } bytes ? $"{MiB(bytes)} MiB" : "unknown (CUDA)")}";
    }

    private static string Fixed(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Time(TimeSpan? time) =>
        time?.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture) ?? "unknown";
}
