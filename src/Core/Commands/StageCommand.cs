using System.CommandLine;
using Spectre.Console;

namespace SelfInstruct.Core.Commands;

/// <summary>
/// The verb of a stage (<c>generate</c>, <c>finetune</c>, <c>evaluate</c>): the options of its settings, any options
/// of its own, and <c>--plain</c>. The settings are resolved (the record's defaults, then <c>--config</c>, then the
/// options, validated) before <see cref="RunAsync"/> sees them, and <see cref="ShowProgressAsync"/> runs the stage
/// under the one live-or-plain progress loop.
/// </summary>
/// <typeparam name="TConfig">The stage's settings record.</typeparam>
public abstract class StageCommand<TConfig> : Command
    where TConfig : class, IConfigRecord, new()
{
    private readonly Option<bool> _plain;

    /// <summary>The verb <paramref name="name"/> with the options of <paramref name="settings"/>.</summary>
    /// <param name="name">The verb.</param>
    /// <param name="description">What the verb does, for the help.</param>
    /// <param name="console">Where progress and the summary are shown.</param>
    /// <param name="settings">The settings' options.</param>
    /// <param name="plainDescription">What <c>--plain</c> prints instead of the live view.</param>
    /// <param name="ownOptions">Options that set no setting, such as <c>--dry-run</c>.</param>
    protected StageCommand(string name, string description, IAnsiConsole console, ConfigOptions<TConfig> settings,
        string plainDescription, params IEnumerable<Option> ownOptions)
        : base(name, description)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Console = console;
        _plain = new Option<bool>("--plain") { Description = plainDescription };
        foreach (var option in settings.All.Concat(ownOptions).Append(_plain))
        {
            Options.Add(option);
        }
        SetAction(async (parse, cancellationToken) =>
            await RunAsync(parse, await settings.ResolveAsync(parse, cancellationToken), cancellationToken));
    }

    /// <summary>Where progress and the summary are shown.</summary>
    protected IAnsiConsole Console { get; }

    /// <summary>Runs the stage with its resolved settings; returns the exit code.</summary>
    protected abstract Task<int> RunAsync(ParseResult parse, TConfig config, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="start"/> under the progress loop, live unless <c>--plain</c> was given.</summary>
    protected Task<TResult> ShowProgressAsync<TProgress, TResult>(ParseResult parse, IProgressView<TProgress> view,
        Func<IProgress<TProgress>, Task<TResult>> start)
        where TProgress : class =>
        ProgressLoop.RunAsync(Console, view, parse.GetValue(_plain), start);
}
