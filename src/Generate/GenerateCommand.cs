using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using SelfInstruct.Backends;
using SelfInstruct.Core.Formats;
using SelfInstruct.Core.Records;
using SelfInstruct.Generate.Configuration;
using SelfInstruct.Generate.Pipeline;
using SelfInstruct.Generate.Prompts;
using Spectre.Console;

namespace SelfInstruct.Generate;

/// <summary>
/// <c>selfinstruct generate</c>: bootstraps an instruction dataset from a seed pool with Self-Instruct's four steps,
/// resumable in its output folder. Settings: the defaults of <see cref="GenerationConfig"/>, then <c>--config</c>,
/// then the options below.
/// </summary>
public sealed class GenerateCommand : Command
{
    private readonly IAnsiConsole _console;
    private readonly Func<string, string?> _environment;
    private readonly ILoggerFactory _loggerFactory;

    private readonly Option<DirectoryInfo> _out = new("--out")
    {
        HelpName = "DIR",
        Description = "Output folder: journal.jsonl, config.json, dataset.parquet, stats.md and plots. Run the same " +
            "command again on it to resume.",
        Required = true,
    };

    private readonly Option<FileInfo> _seeds = new("--seeds")
    {
        HelpName = "FILE",
        Description = "Seed tasks (.jsonl seed format, .json Alpaca, .parquet), relative to the current folder.",
        DefaultValueFactory = _ => new FileInfo(Path.Combine("data", "seed_tasks.jsonl")),
    };

    private readonly Option<FileInfo?> _config = new("--config")
    {
        HelpName = "FILE",
        Description = "A JSON file of generation settings (snake_case keys of the config, such as num_instructions).",
    };

    private readonly Option<DirectoryInfo?> _templates = new("--templates")
    {
        HelpName = "DIR",
        Description = "A folder whose NAME.txt files replace the embedded prompt templates of the same name.",
    };

    private readonly Option<int?> _numInstructions = new("--num-instructions")
    {
        HelpName = "N",
        Description = "New instructions to accept [default: 100].",
    };

    private readonly Option<GenerationBackend?> _backend = new("--backend")
    {
        HelpName = "openai|local",
        Description = "Where the model runs: openai (any OpenAI-compatible server) or local (a checkpoint folder " +
            "run in-process; --model names the folder, and --api completions suits base models) [default: openai].",
    };

    private readonly Option<string?> _model = new("--model")
    {
        HelpName = "NAME",
        Description = "Model name, or with --backend local the checkpoint folder [default: gpt-4o-mini].",
    };

    private readonly Option<string?> _baseUrl = new("--base-url")
    {
        HelpName = "URL",
        Description = "API root of an OpenAI-compatible server, such as http://127.0.0.1:8000/v1.",
    };

    private readonly Option<OpenAIApi?> _api = new("--api")
    {
        HelpName = "chat|completions",
        Description = "chat, or completions for base models [default: chat].",
    };

    private readonly Option<string?> _apiKeyEnv = new("--api-key-env")
    {
        HelpName = "VARIABLE",
        Description = "Environment variable holding the API key [default: OPENAI_API_KEY]. The key is never shown.",
    };

    private readonly Option<int?> _concurrency = new("--concurrency")
    {
        HelpName = "N",
        Description = "Requests in flight [default: 8].",
    };

    private readonly Option<double?> _priceIn = new("--price-in")
    {
        HelpName = "PRICE",
        Description = "Price per million prompt tokens.",
    };

    private readonly Option<double?> _priceOut = new("--price-out")
    {
        HelpName = "PRICE",
        Description = "Price per million output tokens.",
    };

    private readonly Option<double?> _maxCost = new("--max-cost")
    {
        HelpName = "COST",
        Description = "Stop cleanly at this cost.",
    };

    private readonly Option<int?> _maxRequests = new("--max-requests")
    {
        HelpName = "N",
        Description = "Stop cleanly after this many requests in total.",
    };

    private readonly Option<bool> _dryRun = new("--dry-run")
    {
        Description = "Estimate requests, tokens and cost for the target size; send nothing.",
    };

    public GenerateCommand(IAnsiConsole console, Func<string, string?> environment, ILoggerFactory loggerFactory)
        : base("generate", "Bootstrap an instruction dataset from seed tasks with Self-Instruct's pipeline.")
    {
        _console = console;
        _environment = environment;
        _loggerFactory = loggerFactory;
        foreach (var option in new Option[]
                 {
                     _out, _seeds, _config, _templates, _numInstructions, _backend, _model, _baseUrl, _api, _apiKeyEnv,
                     _concurrency, _priceIn, _priceOut, _maxCost, _maxRequests, _dryRun,
                 })
        {
            Options.Add(option);
        }
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var config = await ResolveConfigAsync(parseResult, cancellationToken);
        var templates = await PromptTemplates.LoadAsync(parseResult.GetValue(_templates)?.FullName, cancellationToken);
        var seeds = await ReadSeedsAsync(parseResult.GetRequiredValue(_seeds), cancellationToken);
        if (parseResult.GetValue(_dryRun))
        {
            RenderEstimate(GenerationEstimate.For(config, templates, seeds.Select(seed => seed.Instruction).ToList()));
            return 0;
        }
        var output = parseResult.GetRequiredValue(_out).FullName;
        var run = new GenerationRun(_console, _environment, _loggerFactory);
        var statistics = await run.RunAsync(config, templates, seeds, output, cancellationToken);
        _console.MarkupLine($"Stopped: [bold]{statistics.StopReason}[/]. {statistics.Instructions} instructions; " +
            $"data, stats.md and plots in [bold]{Markup.Escape(output)}[/].");
        return 0;
    }

    private async Task<GenerationConfig> ResolveConfigAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var file = parse.GetValue(_config);
        var config = file is null
            ? new GenerationConfig()
            : await GenerationConfigFile.ReadAsync(file.FullName, cancellationToken);
        config = config with
        {
            NumInstructions = parse.GetValue(_numInstructions) ?? config.NumInstructions,
            Backend = parse.GetValue(_backend) ?? config.Backend,
            Model = parse.GetValue(_model) ?? config.Model,
            BaseUrl = parse.GetValue(_baseUrl) ?? config.BaseUrl,
            Api = parse.GetValue(_api) ?? config.Api,
            ApiKeyEnvironmentVariable = parse.GetValue(_apiKeyEnv) ?? config.ApiKeyEnvironmentVariable,
            Concurrency = parse.GetValue(_concurrency) ?? config.Concurrency,
            PriceInputPerMillion = parse.GetValue(_priceIn) ?? config.PriceInputPerMillion,
            PriceOutputPerMillion = parse.GetValue(_priceOut) ?? config.PriceOutputPerMillion,
            MaxCost = parse.GetValue(_maxCost) ?? config.MaxCost,
            MaxRequests = parse.GetValue(_maxRequests) ?? config.MaxRequests,
        };
        config.Validate(file is null ? "generation settings" : $"{file.FullName} with the command-line options");
        return config;
    }

    private static async Task<IReadOnlyList<SeedTask>> ReadSeedsAsync(FileInfo file, CancellationToken token)
    {
        var dataset = await DatasetFiles.ReadAsync(file.FullName, null, token);
        return DatasetRows.ToSeedTasks(dataset.Rows);
    }

    private void RenderEstimate(GenerationEstimate estimate)
    {
        var table = new Table().Title("dry run: estimate for the target size").AddColumns("figure", "value");
        table.Columns[1].RightAligned();
        table.AddRow("instruction generation requests", Number(estimate.InstructionRequests));
        table.AddRow("classification requests", Number(estimate.ClassificationRequests));
        table.AddRow("instance generation requests", Number(estimate.InstanceRequests));
        table.AddRow("requests in total", Number(estimate.Requests));
        table.AddRow("prompt tokens (about)", Number(estimate.InputTokens));
        table.AddRow("output tokens (at most)", Number(estimate.MaxOutputTokens));
        table.AddRow("cost (at most)", estimate.MaxCost.ToString("F2", CultureInfo.InvariantCulture));
        _console.Write(table);
        _console.MarkupLine(
            $"Assumes {GenerationEstimate.AcceptedPerRequest.ToString(CultureInfo.InvariantCulture)} accepted " +
            "instructions per instruction generation request; nothing was sent.");
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
