using Spectre.Console;

namespace SelfInstruct.Core.Progress;

/// <summary>
/// What one stage shows while it runs: a live display on an interactive console, and one plain line per progress
/// report (or per interval) when the console is redirected or plain output is asked for. See
/// <see cref="ProgressLoop"/>.
/// </summary>
/// <typeparam name="TProgress">The stage's progress report.</typeparam>
public interface IProgressView<TProgress>
    where TProgress : class
{
    /// <summary>
    /// How often a plain line of the latest report is printed; null prints a line for every report as it comes.
    /// </summary>
    TimeSpan? PlainInterval { get; }

    /// <summary>The report as one line of plain text, for logs and redirected output.</summary>
    string Line(TProgress progress);

    /// <summary>
    /// Opens the live display on <paramref name="console"/> and, inside it, awaits <paramref name="poll"/>, handing
    /// it the action that shows the latest report (null before the first one); closes the display when it ends.
    /// </summary>
    Task ShowLiveAsync(IAnsiConsole console, Func<Action<TProgress?>, Task> poll);
}
