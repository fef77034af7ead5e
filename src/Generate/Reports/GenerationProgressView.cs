using Spectre.Console;
using Spectre.Console.Rendering;

namespace SelfInstruct.Generate.Reports;

/// <summary>
/// Renders a run's progress: a table for a live terminal display, one line every 10 s for redirected output.
/// </summary>
public sealed class GenerationProgressView : IProgressView<GenerationProgress>
{
    private const int ShownReasons = 8;
    private const int ShownRounds = 3;

    /// <inheritdoc />
    public TimeSpan? PlainInterval => TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public Task ShowLiveAsync(IAnsiConsole console, Func<Action<GenerationProgress?>, Task> poll)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(poll);
        return console.Live(Table(null))
            .StartAsync(context => poll(progress => context.UpdateTarget(Table(progress))));
    }

    /// <summary>The live display: counts, usage, rate, ETA and the most frequent rejection reasons.</summary>
    public static IRenderable Table(GenerationProgress? progress)
    {
        var table = new Table().Title("selfinstruct generate").AddColumns("figure", "value");
        table.Columns[1].RightAligned();
        if (progress is null)
        {
            return table.AddRow("status", "starting");
        }
        var usage = progress.TotalUsage;
        table.AddRow("accepted instructions", $"{Number(progress.Accepted)} / {Number(progress.Target)}");
        table.AddRow("instances", Number(progress.Instances));
        table.AddRow("requests (in flight)", $"{Number(usage.Requests)} ({progress.InFlight})");
        table.AddRow("tokens in / out", $"{Number(usage.InputTokens)} / {Number(usage.OutputTokens)}");
        table.AddRow("cost", Money(progress.Cost));
        table.AddRow("rate", $"{Fixed(RatePerMinute(progress))} instructions/min");
        table.AddRow("ETA", Eta(progress));
        foreach (var round in (progress.Rounds ?? []).TakeLast(ShownRounds))
        {
            table.AddRow($"round {round.Index}", RoundsSection.Describe(round));
        }
        foreach (var (reason, count) in progress.Rejections.OrderByDescending(pair => pair.Value).Take(ShownReasons))
        {
            table.AddRow(Markup.Escape(reason), Number(count));
        }
        return table;
    }

    /// <summary>One line with the same figures, for logs and redirected output.</summary>
    public string Line(GenerationProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var usage = progress.TotalUsage;
        var rejections = progress.Rejections.Values.Sum();
        return $"accepted {Number(progress.Accepted)}/{Number(progress.Target)}, " +
            $"instances {Number(progress.Instances)}, rejections {Number(rejections)}, " +
            $"requests {Number(usage.Requests)} ({progress.InFlight} in flight), " +
            $"tokens {Number(usage.InputTokens)}/{Number(usage.OutputTokens)}, cost {Money(progress.Cost)}, " +
            $"{Fixed(RatePerMinute(progress))}/min, ETA {Eta(progress)}" +
            (progress.Rounds is [.., var round] ? $", round {round.Index}: {RoundsSection.Describe(round)}" : "");
    }

    private static double RatePerMinute(GenerationProgress progress) => progress.Elapsed.TotalMinutes > 0
        ? progress.AcceptedThisRun / progress.Elapsed.TotalMinutes
        : 0;

    private static string Eta(GenerationProgress progress)
    {
        var remaining = progress.Target - progress.Accepted;
        if (remaining <= 0)
        {
            return "done";
        }
        var rate = RatePerMinute(progress);
        return rate > 0
            ? TimeSpan.FromMinutes(remaining / rate).ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture)
            : "unknown";
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Fixed(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private static string Money(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
