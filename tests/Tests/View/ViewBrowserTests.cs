using System.Diagnostics;
using SelfInstruct.Cli.View;
using SelfInstruct.Core.Curation;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.View;

/// <summary>
/// The page in headless Chromium (Debian's chromium package, driven by playwright-core from tests/Browser; .ci/run
/// installs both; a clone without them skips it): it searches, opens a task, rejects it and edits an output, and the edits land in curation.jsonl.
/// </summary>
public sealed class ViewBrowserTests
{
    [BrowserFact]
    public async Task Searches_opens_a_task_rejects_and_edits_it_in_chromium()
    {
        using var run = await ViewRunFolder.CreateAsync();
        var contents = await RunContents.LoadAsync(run.Root, CancellationToken.None);
        await using var server = new ViewServer(contents, new ViewOptions(Port: 0), "browser", TimeProvider.System);
        await server.StartAsync(CancellationToken.None);

        var (exitCode, output) = await RunScriptAsync(server.BaseAddress.ToString(), run.CurationLogPath);

        Assert.True(exitCode == 0, output);
        Assert.Contains("e2e: ok", output);
        var edits = CurationLog.Read(run.CurationLogPath);
        Assert.Equal([CurationAction.Reject, CurationAction.Edit], edits.Select(edit => edit.Action));
        Assert.All(edits, edit => Assert.Equal(("machine_task_0", "browser"), (edit.TaskId, edit.Who)));
    }

    private static async Task<(int ExitCode, string Output)> RunScriptAsync(string url, string curationLog)
    {
        var folder = BrowserFactAttribute.ScriptFolder;
        var start = new ProcessStartInfo("node", ["view.e2e.mjs", url, curationLog])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output + await error);
    }
}
