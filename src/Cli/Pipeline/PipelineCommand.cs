using System.CommandLine;
using Microsoft.Extensions.Logging;
using SelfInstruct.Finetune.Configuration;
using Spectre.Console;

namespace SelfInstruct.Cli.Pipeline;

/// <summary>
/// <c>selfinstruct pipeline</c>: generate, finetune, evaluate (base against tuned) and the report in one folder,
/// each stage resumable and skipped when it is complete with the same inputs. With no config it runs the embedded
/// demo (<c>configs/demo.json</c>): offline, a small model made from scratch, minutes on a laptop.
/// </summary>
public sealed class PipelineCommand : Command
{
    private readonly IAnsiConsole _console;
    private readonly Func<string, string?> _environment;
    private readonly ILoggerFactory _loggerFactory;

    private readonly Option<FileInfo> _config = new("--config")
    {
        HelpName = "FILE",
        Description = "The pipeline config (JSON: output, seeds, base_model, warmup, generate, finetune, evaluate; " +
            "see configs/). Without it, the embedded demo runs: configs/demo.json.",
    };

    private readonly Option<DirectoryInfo> _out = new("--out")
    {
        HelpName = "DIR",
        Description = "Output folder, overriding the config's output. Run again on it to resume or to skip what is " +
            "done.",
    };

    private readonly Option<int?> _numInstructions = new("--num-instructions")
    {
        HelpName = "N",
        Description = "Instructions to generate, overriding generate.num_instructions.",
    };

    private readonly Option<int?> _epochs = new("--epochs")
    {
        HelpName = "N",
        Description = "Fine-tuning epochs, overriding finetune.epochs.",
    };

    private readonly Option<string?> _device = new("--device")
    {
        HelpName = string.Join('|', EnumNames.All<TrainingDevice>()),
        Description = "Where the warm-up, the fine-tuning and (for cpu or cuda) the evaluation run, overriding " +
            "their sections' device (CUDA needs the -p:TorchBackend=cuda build).",
    };

    private readonly Option<bool> _plain = new("--plain")
    {
        Description = "Print progress as plain lines instead of live tables and progress bars.",
    };

    public PipelineCommand(
        IAnsiConsole console,
        Func<string, string?> environment,
        ILoggerFactory loggerFactory)
        : base("pipeline", "Run the whole loop: generate, finetune, evaluate base against tuned, and the report.")
    {
        _console = console;
        _environment = environment;
        _loggerFactory = loggerFactory;
        foreach (var option in new Option[] { _config, _out, _numInstructions, _epochs, _device, _plain })
        {
            Options.Add(option);
        }
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var file = parseResult.GetValue(_config);
        var config = file is null
            ? PipelineConfigFile.ReadDemo()
            : await PipelineConfigFile.ReadAsync(file.FullName, cancellationToken);
        config = Override(config, parseResult);
        var plan = PipelinePlan.From(config, file is null ? "configs/demo.json" : file.FullName);
        _console.MarkupLine($"Pipeline into [bold]{Markup.Escape(plan.Output)}[/] " +
            $"({(file is null ? "the embedded demo, configs/demo.json" : Markup.Escape(file.FullName))}).");
        var run = new PipelineRun(_console, _environment, _loggerFactory, parseResult.GetValue(_plain));
        var summary = await run.RunAsync(plan, cancellationToken);
        PipelineSummaryView.Render(_console, plan, summary);
        return 0;
    }

    private PipelineConfig Override(PipelineConfig config, ParseResult parse)
    {
        var problems = new ConfigProblems();
        TrainingDevice? device = parse.GetValue(_device) is { } text
            ? EnumNames.Parse(text, "--device", TrainingDevice.Auto, problems)
            : null;
        if (problems.List.Count > 0)
        {
            throw new ConfigException("pipeline options", problems.List);
        }
        return config with
        {
            Output = parse.GetValue(_out)?.FullName ?? config.Output,
            Generate = config.Generate with
            {
                NumInstructions = parse.GetValue(_numInstructions) ?? config.Generate.NumInstructions,
            },
            Warmup = config.Warmup with
            {
                Training = config.Warmup.Training with { Device = device ?? config.Warmup.Training.Device },
            },
            Finetune = config.Finetune with
            {
                Epochs = parse.GetValue(_epochs) ?? config.Finetune.Epochs,
                Device = device ?? config.Finetune.Device,
            },
            Evaluate = device is TrainingDevice.Cpu or TrainingDevice.Cuda
                ? config.Evaluate with { Device = EnumNames.Name(device.Value) }
                : config.Evaluate,
        };
    }
}
