using System.CommandLine;
using SelfInstruct.Evaluate.Configuration;

namespace SelfInstruct.Evaluate;

/// <summary>The options of <c>selfinstruct evaluate</c>, each bound once to its <see cref="EvaluationConfig"/>
/// setting.</summary>
internal sealed class EvaluateOptions
{
    private readonly Option<string?> _superNi;
    private readonly Option<string?> _userOriented;
    private readonly Option<string?> _dataset;

    public EvaluateOptions()
    {
        Settings.Path("--out", "DIR", "Output folder: predictions.jsonl (the resume journal), config.json, " +
            "results.json, predictions.parquet, report.md, report.html and plots. Run again on it to resume.",
            config => config.Output, (config, value) => config with { Output = value }).Required = true;
        Settings.List("--model", "NAME=SPEC", "A model under test (repeatable): SPEC is a checkpoint folder or " +
            "openai:MODEL@URL (openai-completions:MODEL@URL for base models). The first is the baseline.",
            config => config.Models, (config, value) => config with { Models = value }, repeatable: true);
        _superNi = Settings.Text("--superni", "TASKS_DIR", "SuperNI task files: the official layout, ../shared's " +
            "sample, or a flat folder like data/eval.", config => config.SuperNi,
            (config, value) => config with { SuperNi = value });
        _userOriented = Settings.Text("--user-oriented", "FILE", "Self-Instruct's user_oriented_instructions.jsonl.",
            config => config.UserOriented, (config, value) => config with { UserOriented = value });
        _dataset = Settings.Text("--dataset", "FILE", "A dataset of ours (.parquet, .jsonl, .json); its held-out " +
            "tasks are evaluated.", config => config.Dataset, (config, value) => config with { Dataset = value });
        Settings.Choice("--prompt", "How instances become prompts, the same for every model (auto: a format stored " +
            "in a checkpoint under test, else the set's own prompt).",
            config => config.Prompt, (config, value) => config with { Prompt = value });
        Settings.Value("--positive-examples", "K", "SuperNI positive examples shown as demonstrations.",
            config => config.PositiveExamples, (config, value) => config with { PositiveExamples = value });
        Settings.Value("--max-new-tokens", "N", "Greedy decoding stops after N new tokens.",
            config => config.MaxNewTokens, (config, value) => config with { MaxNewTokens = value });
        Settings.Value("--batch-size", "N", "Prompts generated together by a checkpoint.",
            config => config.BatchSize, (config, value) => config with { BatchSize = value });
        Settings.Value("--max-instances-per-task", "N", "The first N instances of each task (the official " +
            "evaluation: 100).", config => config.MaxInstancesPerTask,
            (config, value) => config with { MaxInstancesPerTask = value });
        Settings.Text("--device", "cpu|cuda", "Where checkpoints run; cuda needs a CUDA build " +
            "(-p:TorchBackend=cuda).", config => config.Device, (config, value) => config with { Device = value });
        Settings.Text("--judge", "openai:MODEL@URL", "Rate every response A..D with this model (Self-Instruct's " +
            "four levels).", config => config.Judge, (config, value) => config with { Judge = value });
        Settings.Text("--api-key-env", "VARIABLE", "Environment variable holding the endpoint API key; never shown.",
            config => config.ApiKeyEnvironmentVariable,
            (config, value) => config with { ApiKeyEnvironmentVariable = value });
        Settings.Value("--seed", "N", "Seed of the paired bootstrap.",
            config => config.Seed, (config, value) => config with { Seed = value });
    }

    public ConfigOptions<EvaluationConfig> Settings { get; } =
        new("A JSON file of evaluation settings (snake_case keys, such as max_new_tokens).");

    public Option<bool> Plain { get; } = new("--plain")
    {
        Description = "Print a progress line every 10 s instead of progress bars.",
    };

    public IEnumerable<Option> All => [Settings.File!, .. Settings.Bindings.Select(binding => binding.Option), Plain];

    /// <summary>Defaults, then the JSON file, then the options; validated, every problem at once.</summary>
    public Task<EvaluationConfig> ResolveAsync(ParseResult parse, CancellationToken cancellationToken) =>
        Settings.ResolveAsync(parse, EvaluationConfigFile.ReadAsync, "evaluation settings", ChooseSet,
            cancellationToken);

    // An evaluation set on the command line replaces the file's, whichever kind the file named.
    private EvaluationConfig ChooseSet(ParseResult parse, EvaluationConfig config, ConfigProblems problems)
    {
        var superNi = parse.GetValue(_superNi);
        var userOriented = parse.GetValue(_userOriented);
        var dataset = parse.GetValue(_dataset);
        return superNi is null && userOriented is null && dataset is null
            ? config
            : config with { SuperNi = superNi, UserOriented = userOriented, Dataset = dataset };
    }
}
