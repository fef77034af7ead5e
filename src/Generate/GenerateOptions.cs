using System.CommandLine;
using SelfInstruct.Generate.Configuration;

namespace SelfInstruct.Generate;

/// <summary>The options of <c>selfinstruct generate</c>, each bound once to its <see cref="GenerationConfig"/>
/// setting.</summary>
internal sealed class GenerateOptions
{
    public GenerateOptions()
    {
        Settings.Path("--out", "DIR", "Output folder: journal.jsonl, config.json, dataset.parquet, stats.md and " +
            "plots. Run the same command again on it to resume.",
            config => config.Output, (config, value) => config with { Output = value }).Required = true;
        Settings.Path("--seeds", "FILE", "Seed tasks (.jsonl seed format, .json Alpaca, .parquet), relative to the " +
            "current folder.", config => config.Seeds, (config, value) => config with { Seeds = value });
        Settings.Path("--templates", "DIR", "A folder whose NAME.txt files replace the embedded prompt templates of " +
            "the same name.", config => config.Templates, (config, value) => config with { Templates = value });
        Settings.Value("--num-instructions", "N", "New instructions to accept.",
            config => config.NumInstructions, (config, value) => config with { NumInstructions = value });
        Settings.Choice("--backend", "Where the model runs: openai (any OpenAI-compatible server) or local (a " +
            "checkpoint folder run in-process; --model names the folder, and --api completions suits base models).",
            config => config.Backend, (config, value) => config with { Backend = value });
        Settings.Text("--model", "NAME", "Model name, or with --backend local the checkpoint folder.",
            config => config.Model, (config, value) => config with { Model = value });
        Settings.Text("--base-url", "URL", "API root of an OpenAI-compatible server, such as " +
            "http://127.0.0.1:8000/v1.", config => config.BaseUrl, (config, value) => config with { BaseUrl = value },
            unsetDefault: "OpenAI's own API");
        Settings.Choice("--api", "chat, or completions for base models.",
            config => config.Api, (config, value) => config with { Api = value });
        Settings.Text("--api-key-env", "VARIABLE", "Environment variable holding the API key; the key is never shown.",
            config => config.ApiKeyEnvironmentVariable,
            (config, value) => config with { ApiKeyEnvironmentVariable = value });
        Settings.Value("--concurrency", "N", "Requests in flight.",
            config => config.Concurrency, (config, value) => config with { Concurrency = value });
        Settings.Value("--price-in", "PRICE", "Price per million prompt tokens; 0 when unknown.",
            config => config.PriceInputPerMillion, (config, value) => config with { PriceInputPerMillion = value });
        Settings.Value("--price-out", "PRICE", "Price per million output tokens; 0 when unknown.",
            config => config.PriceOutputPerMillion, (config, value) => config with { PriceOutputPerMillion = value });
        Settings.OptionalValue("--max-cost", "COST", "Stop cleanly at this cost.",
            config => config.MaxCost, (config, value) => config with { MaxCost = value }, unsetDefault: "no limit");
        Settings.OptionalValue("--max-requests", "N", "Stop cleanly after this many requests in total.",
            config => config.MaxRequests, (config, value) => config with { MaxRequests = value },
            unsetDefault: "no limit");
    }

    public ConfigOptions<GenerationConfig> Settings { get; } = new(
        "A JSON file of generation settings (snake_case keys of the config, such as num_instructions).");

    public Option<bool> Plain { get; } = new("--plain")
    {
        Description = "Print a progress line every 10 s instead of the live table.",
    };

    public Option<bool> DryRun { get; } = new("--dry-run")
    {
        Description = "Estimate requests, tokens and cost for the target size; send nothing.",
    };

    public IEnumerable<Option> All =>
        [Settings.File!, .. Settings.Bindings.Select(binding => binding.Option), DryRun, Plain];

    /// <summary>Defaults, then the JSON file, then the options; validated, every problem at once.</summary>
    public Task<GenerationConfig> ResolveAsync(ParseResult parse, CancellationToken cancellationToken) =>
        Settings.ResolveAsync(parse, GenerationConfigFile.ReadAsync, "generation settings", null, cancellationToken);
}
