using System.CommandLine;
using SelfInstruct.Core.Configuration;
using SelfInstruct.Evaluate.Configuration;
using SelfInstruct.Evaluate.Models;
using SelfInstruct.Evaluate.Reports;
using SelfInstruct.Evaluate.Runs;
using Spectre.Console;

namespace SelfInstruct.Evaluate;

/// <summary>
/// <c>selfinstruct evaluate</c>: answers an evaluation set with every model under test, scores, compares with the
/// first model and writes results.json, predictions.parquet and the report. Settings: the defaults of
/// <see cref="EvaluationConfig"/>, then <c>--config</c>, then the options below. Resumes in its output folder.
/// </summary>
public sealed class EvaluateCommand : Command
{
    private readonly IAnsiConsole _console;
    private readonly Func<string, string?> _environment;

    private readonly Option<DirectoryInfo> _out = new("--out")
    {
        HelpName = "DIR",
        Description = "Output folder: predictions.jsonl (the resume journal), config.json, results.json, " +
            "predictions.parquet, report.md, report.html and plots. Run again on it to resume.",
        Required = true,
    };

    private readonly Option<string[]> _models = new("--model")
    {
        HelpName = "NAME=SPEC",
        Description = "A model under test (repeatable): SPEC is a checkpoint folder or openai:MODEL@URL " +
            "(openai-completions:MODEL@URL for base models). The first is the baseline.",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string?> _superNi = new("--superni")
    {
        HelpName = "TASKS_DIR",
        Description = "SuperNI task files: the official layout, ../shared's sample, or a flat folder like data/eval.",
    };

    private readonly Option<string?> _userOriented = new("--user-oriented")
    {
        HelpName = "FILE",
        Description = "Self-Instruct's user_oriented_instructions.jsonl.",
    };

    private readonly Option<string?> _dataset = new("--dataset")
    {
        HelpName = "FILE",
        Description = "A dataset of ours (.parquet, .jsonl, .json); its held-out tasks are evaluated.",
    };

    private readonly Option<FileInfo?> _config = new("--config")
    {
        HelpName = "FILE",
        Description = "A JSON file of evaluation settings (snake_case keys, such as max_new_tokens).",
    };

    private readonly Option<string?> _prompt = new("--prompt")
    {
        HelpName = "auto|superni|user-oriented|self-instruct|alpaca",
        Description = "How instances become prompts, the same for every model [default: auto: a format stored in a " +
            "checkpoint under test, else the set's own prompt].",
    };

    private readonly Option<int?> _positiveExamples = new("--positive-examples")
    {
        HelpName = "K",
        Description = "SuperNI positive examples shown as demonstrations [default: 0].",
    };

    private readonly Option<int?> _maxNewTokens = new("--max-new-tokens")
    {
        HelpName = "N",
        Description = "Greedy decoding stops after N new tokens [default: 128].",
    };

    private readonly Option<int?> _batchSize = new("--batch-size")
    {
        HelpName = "N",
        Description = "Prompts generated together by a checkpoint [default: 8].",
    };

    private readonly Option<int?> _maxInstancesPerTask = new("--max-instances-per-task")
    {
        HelpName = "N",
        Description = "The first N instances of each task [default: 100, as the official evaluation].",
    };

    private readonly Option<string?> _device = new("--device")
    {
        HelpName = "cpu|cuda",
        Description = "Where checkpoints run [default: cpu]; cuda needs a CUDA build (-p:TorchBackend=cuda).",
    };

    private readonly Option<string?> _judge = new("--judge")
    {
        HelpName = "openai:MODEL@URL",
        Description = "Rate every response A..D with this model (Self-Instruct's four levels).",
    };

    private readonly Option<string?> _apiKeyEnv = new("--api-key-env")
    {
        HelpName = "VARIABLE",
        Description = "Environment variable holding the endpoint API key [default: OPENAI_API_KEY]. Never shown.",
    };

    private readonly Option<int?> _seed = new("--seed")
    {
        HelpName = "N",
        Description = "Seed of the paired bootstrap [default: 42].",
    };

    public EvaluateCommand(IAnsiConsole console, Func<string, string?> environment)
        : base("evaluate", "Compare models (base vs tuned) on SuperNI, the user-oriented set or held-out data.")
    {
        _console = console;
        _environment = environment;
        foreach (var option in new Option[]
                 {
                     _out, _models, _superNi, _userOriented, _dataset, _config, _prompt, _positiveExamples,
                     _maxNewTokens, _batchSize, _maxInstancesPerTask, _device, _judge, _apiKeyEnv, _seed,
                 })
        {
            Options.Add(option);
        }
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var config = await ResolveConfigAsync(parseResult, cancellationToken);
        var output = parseResult.GetRequiredValue(_out).FullName;
        var run = new EvaluationRun(new EndpointClients(config, _environment).Create);
        var results = await EvaluationProgressView.RunAsync(_console,
            progress => Task.Run(() => run.RunAsync(config, output, progress, cancellationToken), cancellationToken));
        var written = await ReportWriter.WriteAsync(output, cancellationToken);
        EvaluationSummaryView.Render(_console, results);
        _console.MarkupLine($"Results, predictions and the report ({Markup.Escape(Path.GetFileName(written))}) " +
            $"in [bold]{Markup.Escape(output)}[/].");
        return 0;
    }

    private async Task<EvaluationConfig> ResolveConfigAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var file = parse.GetValue(_config);
        var config = file is null
            ? new EvaluationConfig()
            : await EvaluationConfigFile.ReadAsync(file.FullName, cancellationToken);
        var models = parse.GetValue(_models) ?? [];
        var source = file is null ? "evaluation settings" : $"{file.FullName} with the command-line options";
        var prompt = parse.GetValue(_prompt);
        if (prompt is not null && !PromptStyles.TryParse(prompt, out _))
        {
            throw new ConfigException(source,
                [$"--prompt must be auto, superni, user-oriented, self-instruct or alpaca, found '{prompt}'"]);
        }
        var setGiven = parse.GetValue(_superNi) is not null || parse.GetValue(_userOriented) is not null ||
            parse.GetValue(_dataset) is not null;
        config = config with
        {
            Models = models.Length > 0 ? models : config.Models,
            SuperNi = setGiven ? parse.GetValue(_superNi) : config.SuperNi,
            UserOriented = setGiven ? parse.GetValue(_userOriented) : config.UserOriented,
            Dataset = setGiven ? parse.GetValue(_dataset) : config.Dataset,
            Prompt = prompt is not null && PromptStyles.TryParse(prompt, out var style) ? style : config.Prompt,
            PositiveExamples = parse.GetValue(_positiveExamples) ?? config.PositiveExamples,
            MaxNewTokens = parse.GetValue(_maxNewTokens) ?? config.MaxNewTokens,
            BatchSize = parse.GetValue(_batchSize) ?? config.BatchSize,
            MaxInstancesPerTask = parse.GetValue(_maxInstancesPerTask) ?? config.MaxInstancesPerTask,
            Device = parse.GetValue(_device) ?? config.Device,
            Judge = parse.GetValue(_judge) ?? config.Judge,
            ApiKeyEnvironmentVariable = parse.GetValue(_apiKeyEnv) ?? config.ApiKeyEnvironmentVariable,
            Seed = parse.GetValue(_seed) ?? config.Seed,
        };
        config.Validate(source);
        return config;
    }
}
