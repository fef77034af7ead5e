using System.Collections.Concurrent;
using Spectre.Console;

namespace SelfInstruct.Core.Progress;

/// <summary>
/// The one progress loop of every stage: starts a run with a progress sink and shows its reports until it ends,
/// live on an interactive console, as plain lines when the console is not interactive or plain output is asked for.
/// </summary>
public static class ProgressLoop
{
    private static readonly TimeSpan _pollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Runs <paramref name="start"/> on the thread pool and shows its progress through <paramref name="view"/>;
    /// returns the run's result, or rethrows its failure once the display is closed.
    /// </summary>
    /// <param name="console">Where progress is shown.</param>
    /// <param name="view">What the stage shows.</param>
    /// <param name="plain">Plain lines even on an interactive console (<c>--plain</c>).</param>
    /// <param name="start">Starts the run with the sink it reports to.</param>
    public static async Task<TResult> RunAsync<TProgress, TResult>(
        IAnsiConsole console,
        IProgressView<TProgress> view,
        bool plain,
        Func<IProgress<TProgress>, Task<TResult>> start)
        where TProgress : class
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(start);
        var live = console.Profile.Capabilities.Interactive && !plain;
        var sink = new Sink<TProgress>(keepEveryReport: !live && view.PlainInterval is null);
        // Only the run watches its token: on cancellation it may still write its outputs, and we wait for that.
        var run = Task.Run(() => start(sink), CancellationToken.None);
        if (live)
        {
            await view.ShowLiveAsync(console, show => PollAsync(run, () => show(sink.Latest)));
        }
        else
        {
            await PrintLinesAsync(console, view, run, sink);
        }
        return await run;
    }

    private static async Task PollAsync(Task run, Action show)
    {
        while (!run.IsCompleted)
        {
            show();
            await Task.WhenAny(run, Task.Delay(_pollInterval, CancellationToken.None));
        }
        show();
    }

    private static async Task PrintLinesAsync<TProgress>(
        IAnsiConsole console, IProgressView<TProgress> view, Task run, Sink<TProgress> sink)
        where TProgress : class
    {
        // At least one pass, so a run that ends at once still prints every report it made.
        do
        {
            await Task.WhenAny(run, Task.Delay(view.PlainInterval ?? _pollInterval, CancellationToken.None));
            if (view.PlainInterval is null)
            {
                while (sink.TryTake(out var report))
                {
                    console.WriteLine(view.Line(report));
                }
            }
            else if (!run.IsCompleted && sink.Latest is { } latest)
            {
                console.WriteLine(view.Line(latest));
            }
        }
        while (!run.IsCompleted);
    }

    private sealed class Sink<TProgress>(bool keepEveryReport) : IProgress<TProgress>
        where TProgress : class
    {
        private readonly ConcurrentQueue<TProgress> _reports = new();
        private TProgress? _latest;

        public TProgress? Latest => Volatile.Read(ref _latest);

        public void Report(TProgress value)
        {
            Volatile.Write(ref _latest, value);
            if (keepEveryReport)
            {
                _reports.Enqueue(value);
            }
        }

        public bool TryTake(out TProgress report) => _reports.TryDequeue(out report!);
    }
}
