using System.Diagnostics;
using Xunit;

namespace SelfInstruct.Tests.Support;

/// <summary>
/// The built <c>selfinstruct</c> program as a child process, for tests that need a process of its own: its peak
/// memory, or a SIGKILL at a chosen moment.
/// </summary>
public static class ChildCli
{
    /// <summary>Runs the program to its end; its exit code and its standard output and error together.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments)
    {
        using var child = Start(arguments);
        var standardOutput = child.StandardOutput.ReadToEndAsync();
        var standardError = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        return (child.ExitCode, await standardOutput + await standardError);
    }

    /// <summary>
    /// Starts the program and kills it (SIGKILL) as soon as <paramref name="ready"/> holds, polled every 10 ms for at
    /// most a minute; fails when the program ended first.
    /// </summary>
    public static async Task KillWhenAsync(IEnumerable<string> arguments, Func<bool> ready)
    {
        using var child = Start(arguments);
        _ = child.StandardOutput.ReadToEndAsync();
        _ = child.StandardError.ReadToEndAsync();
        var deadline = Stopwatch.StartNew();
        while (!ready() && !child.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(10);
        }
        Assert.False(child.HasExited, "the child finished before it could be killed");
        child.Kill();
        await child.WaitForExitAsync();
    }

    /// <summary>The text of a file another process may be writing; empty while it does not exist.</summary>
    public static string ReadShared(string path)
    {
        if (!File.Exists(path))
        {
            return "";
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static Process Start(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "selfinstruct.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return Process.Start(start)!;
    }
}
