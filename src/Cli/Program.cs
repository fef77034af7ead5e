using System.CommandLine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SelfInstruct.Core.Jinja;
using SelfInstruct.Evaluate;
using SelfInstruct.Finetune;
using SelfInstruct.Finetune.Training;
using SelfInstruct.Generate;
using SelfInstruct.Generate.Filtering;
using Spectre.Console;

namespace SelfInstruct.Cli;

/// <summary>The <c>selfinstruct</c> executable: wires the commands, the console and the exit codes.</summary>
public static class Program
{
    /// <summary>Runs one command line against the process's console.</summary>
    public static Task<int> Main(string[] args)
    {
        TrainingProcess.Configure();
        return RunAsync(args, AnsiConsole.Console, Console.In, Console.Out, Console.Error,
            Environment.GetEnvironmentVariable("SELFINSTRUCT_DEBUG") is "1");
    }

    /// <summary>
    /// Runs one command line; the exit code is 0 on success, 2 for bad input (a command line, a config, a data file
    /// the command cannot use), 1 for any other failure and 130 when cancelled.
    /// </summary>
    public static async Task<int> RunAsync(
        string[] args,
        IAnsiConsole console,
        TextReader input,
        TextWriter output,
        TextWriter error,
        bool debug,
        CancellationToken cancellationToken = default)
    {
        // Pipeline logs (failed requests, batches, prompts at trace level) go to standard error with
        // SELFINSTRUCT_DEBUG=1; otherwise the progress display and stats.md carry the counts.
        using var loggerFactory = debug
            ? LoggerFactory.Create(builder => builder
                .SetMinimumLevel(LogLevel.Debug)
                .AddSimpleConsole(options => options.SingleLine = true)
                .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace))
            : NullLoggerFactory.Instance;
        var root = CreateRootCommand(console, input, output, error, loggerFactory);
        try
        {
            var parse = root.Parse(args);
            var exitCode = await parse.InvokeAsync(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                Output = output,
                Error = error,
            }, cancellationToken);
            return parse.Errors.Count > 0 ? BadInput : exitCode;
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
            return IsBadInput(exception) ? BadInput : 1;
        }
    }

    // The exit code of a command line, config or data file the command cannot use, as usage errors conventionally are.
    private const int BadInput = 2;

    private static bool IsBadInput(Exception exception) => exception is InvalidDataException or ConfigException
        or JinjaException or FileNotFoundException or DirectoryNotFoundException;

    /// <summary>Every verb, as the executable wires them.</summary>
    internal static RootCommand CreateRootCommand(
        IAnsiConsole console, TextReader input, TextWriter output, TextWriter error, ILoggerFactory loggerFactory)
    {
        var root = new RootCommand(
            "SelfInstruct: bootstrap instruction-tuning data from a language model (Self-Instruct), fine-tune on " +
            "it, and compare base with tuned. Set SELFINSTRUCT_DEBUG=1 for full error detail.")
        {
            HelpName = "selfinstruct",
        };
        root.Subcommands.Add(new PipelineCommand(console, Environment.GetEnvironmentVariable, loggerFactory));
        root.Subcommands.Add(new GenerateCommand(console, Environment.GetEnvironmentVariable, loggerFactory));
        root.Subcommands.Add(new FinetuneCommand(console));
        root.Subcommands.Add(new EvaluateCommand(console, Environment.GetEnvironmentVariable));
        root.Subcommands.Add(new ReportCommand(console));
        root.Subcommands.Add(new FilterCommand(console));
        root.Subcommands.Add(new DataCommand(console));
        root.Subcommands.Add(new RougeCommand(input, output, error));
        root.Subcommands.Add(new ModelCommand(console));
        root.Subcommands.Add(new ServeCommand(console, Environment.GetEnvironmentVariable));
        root.Subcommands.Add(new ViewCommand(console, Environment.GetEnvironmentVariable, Environment.UserName));
        return root;
    }
}
