using System.CommandLine;
using SelfInstruct.Cli.Commands;
using SelfInstruct.Generate.Filtering;
using Spectre.Console;

namespace SelfInstruct.Cli;

/// <summary>The <c>selfinstruct</c> executable: wires the commands, the console and the exit codes.</summary>
public static class Program
{
    /// <summary>Runs one command line against the process's console.</summary>
    public static Task<int> Main(string[] args) =>
        RunAsync(args, AnsiConsole.Console, Console.In, Console.Out, Console.Error,
            Environment.GetEnvironmentVariable("SELFINSTRUCT_DEBUG") is "1");

    /// <summary>Runs one command line; the exit code is 0 on success, 1 on failure and 130 when cancelled.</summary>
    public static async Task<int> RunAsync(
        string[] args, IAnsiConsole console, TextReader input, TextWriter output, TextWriter error, bool debug)
    {
        var root = CreateRootCommand(console, input, output, error);
        try
        {
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                Output = output,
                Error = error,
            });
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("selfinstruct: cancelled");
            return 130;
        }
        catch (Exception exception)
        {
            await error.WriteLineAsync($"selfinstruct: {exception.Message}");
            if (debug)
            {
                await error.WriteLineAsync(exception.ToString());
            }
            return 1;
        }
    }

    private static RootCommand CreateRootCommand(
        IAnsiConsole console, TextReader input, TextWriter output, TextWriter error)
    {
        var root = new RootCommand(
            "SelfInstruct: bootstrap instruction-tuning data from a language model (Self-Instruct), fine-tune on " +
            "it, and compare base with tuned. Set SELFINSTRUCT_DEBUG=1 for full error detail.")
        {
            HelpName = "selfinstruct",
        };
        root.Subcommands.Add(new FilterCommand(console));
        root.Subcommands.Add(new DataCommand(console));
        root.Subcommands.Add(new RougeCommand(input, output, error));
        root.Subcommands.Add(new ModelCommand(console));
        return root;
    }
}
