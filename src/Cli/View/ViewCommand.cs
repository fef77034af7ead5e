using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;

namespace SelfInstruct.Cli.View;

/// <summary>
/// <c>selfinstruct view</c>: serves a page over a generate, pipeline or evaluate folder until Ctrl+C, to read the
/// dataset and the evaluation and to curate the dataset by hand into curation.jsonl.
/// </summary>
internal sealed class ViewCommand : Command
{
    private static readonly ViewOptions _defaults = new();

    private readonly IAnsiConsole _console;
    private readonly Func<string, string?> _environment;
    private readonly string _user;

    private readonly Argument<DirectoryInfo> _folder = new("RUN_DIR")
    {
        Description = "A generate output folder, a pipeline run folder or an evaluate output folder.",
    };

    private readonly Option<string> _host = new("--host")
    {
        Description = "Address to bind; any other than loopback (such as 0.0.0.0) needs --api-key-env.",
        DefaultValueFactory = _ => _defaults.Host,
    };

    private readonly Option<int> _port = new("--port")
    {
        Description = "TCP port; 0 picks a free one.",
        DefaultValueFactory = _ => _defaults.Port,
    };

    private readonly Option<string?> _apiKeyEnv = new("--api-key-env")
    {
        Description = "Require 'Authorization: Bearer KEY', KEY read from this environment variable; the printed " +
            "URL carries it for the page [default: no key].",
    };

    private readonly Option<bool> _open = new("--open")
    {
        Description = "Open the page in the default browser, where there is one.",
    };

    public ViewCommand(IAnsiConsole console, Func<string, string?> environment, string user)
        : base("view", "Serve a local page to read a run's dataset and evaluation and to curate the dataset by hand.")
    {
        _console = console;
        _environment = environment;
        _user = user;
        Arguments.Add(_folder);
        foreach (Option option in (Option[])[_host, _port, _apiKeyEnv, _open])
        {
            Options.Add(option);
        }
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var options = new ViewOptions(parseResult.GetRequiredValue(_host), parseResult.GetValue(_port),
            BearerKey.Read(parseResult.GetValue(_apiKeyEnv), _environment));
        if (!options.IsLoopback && options.ApiKey is null)
        {
            throw new ConfigException("view", [$"--host {options.Host} exposes the page beyond this machine; name " +
                "the variable that holds a key with --api-key-env"]);
        }
        var run = await RunContents.LoadAsync(parseResult.GetRequiredValue(_folder).FullName, cancellationToken);
        await using var server = new ViewServer(run, options, _user, TimeProvider.System);
        await server.StartAsync(cancellationToken);
        // The page reads the key from the fragment, which browsers never send to a server.
        var url = options.ApiKey is null ? server.BaseAddress.ToString() : $"{server.BaseAddress}#key={options.ApiKey}";
        var kind = EnumNames.Name(run.Folder.Kind);
        _console.MarkupLineInterpolated(
            $"Viewing the {kind} run [bold]{run.Folder.Root}[/] at [bold]{url}[/]; Ctrl+C stops.");
        if (run.CurationLogPath is { } log)
        {
            _console.MarkupLineInterpolated($"[dim]Curation edits go to {log}.[/]");
        }
        if (parseResult.GetValue(_open))
        {
            OpenBrowser(url);
        }
        await server.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    private void OpenBrowser(string url)
    {
        try
        {
            using var browser = OperatingSystem.IsLinux()
                ? Process.Start(new ProcessStartInfo("xdg-open", [url]) { UseShellExecute = false })
                : Process.Start(new ProcessStartInfo(url) { UseShellExecute = true });
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            _console.MarkupLineInterpolated($"[yellow]No browser to open ({exception.Message}); open the URL.[/]");
        }
    }
}
