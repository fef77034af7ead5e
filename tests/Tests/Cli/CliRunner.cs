using SelfInstruct.Cli;
using Spectre.Console;

namespace SelfInstruct.Tests.Cli;

/// <summary>Runs the selfinstruct command line in-process and captures everything it prints.</summary>
internal static class CliRunner
{
    public static async Task<CliResult> RunAsync(string standardInput, params string[] args)
    {
        var console = new StringWriter();
        var output = new StringWriter();
        var error = new StringWriter();
        var ansiConsole = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(console),
        });
        ansiConsole.Profile.Width = 120;

        var exitCode = await Program.RunAsync(args, ansiConsole, new StringReader(standardInput), output, error, false);

        return new CliResult(exitCode, console.ToString() + output, error.ToString());
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error);
