using System.CommandLine;

namespace SelfInstruct.Evaluate;

/// <summary>The options of <c>selfinstruct evaluate</c>, each bound once to its <see cref="EvaluationConfig"/>
/// setting.</summary>
internal sealed class EvaluateOptions : ConfigOptions<EvaluationConfig>
{
    private readonly Option<string?> _superNi;
    private readonly Option<string?> _userOriented;
    private readonly Option<string?> _dataset;

    public EvaluateOptions()
        : base("evaluation settings", "A JSON file of evaluation settings (snake_case keys, such as max_new_tokens).",
            EvaluationConfigFile.Options)
    {
        FilePath("--out", "DIR", "Output folder: predictions.jsonl (the resume journal), config.json, " +
            "results.json, predictions.parquet, report.md, report.html and plots. Run again on it to resume.",
            config => config.Output).Required = true;
        List("--model", "NAME=SPEC", "A model under test (repeatable): SPEC is a checkpoint folder or " +
            "openai:MODEL@URL (openai-completions:MODEL@URL for base models). The first is the baseline.",
            config => config.Models, repeatable: true);
        _superNi = Text("--superni", "TASKS_DIR", "SuperNI task files: the official layout, ../shared's " +
            "sample, or a flat folder like data/eval.", config => config.SuperNi);
        _userOriented = Text("--user-oriented", "FILE", "Self-Instruct's user_oriented_instructions.jsonl.",
            config => config.UserOriented);
        _dataset = Text("--dataset", "FILE", "A dataset of ours (.parquet, .jsonl, .json); its held-out " +
            "tasks are evaluated.", config => config.Dataset);
        Choice("--prompt", "How instances become prompts, the same for every model (auto: a format stored " +
            "in a checkpoint under test, else the set's own prompt).", config => config.Prompt);
        Value("--positive-examples", "K", "SuperNI positive examples shown as demonstrations.",
            config => config.PositiveExamples);
        Value("--max-new-tokens", "N", "Greedy decoding stops after N new tokens.", config => config.MaxNewTokens);
        Value("--batch-size", "N", "Prompts generated together by a checkpoint.", config => config.BatchSize);
        Value("--max-instances-per-task", "N", "The first N instances of each task (the official " +
            "evaluation: 100).", config => config.MaxInstancesPerTask);
        Text("--device", "cpu|cuda", "Where checkpoints run; cuda needs a CUDA build " +
            "(-p:TorchBackend=cuda).", config => config.Device);
        Choice("--dtype", "Dtype checkpoints are loaded and run in, whatever they are stored in (bf16 halves the " +
            "memory).", config => config.Dtype);
        Text("--judge", "openai:MODEL@URL", "Rate every response A..D with this model (Self-Instruct's " +
            "four levels).", config => config.Judge);
        Text("--api-key-env", "VARIABLE", "Environment variable holding the endpoint API key; never shown.",
            config => config.ApiKeyEnvironmentVariable);
        Value("--seed", "N", "Seed of the paired bootstrap.", config => config.Seed);
        Choice("--text-mode", "How predictions meet references. english: SuperNI's metric exactly (Porter-stemmed " +
            "ROUGE-L over ASCII letters and digits). unicode: references in any language; exact match after NFKC " +
            "and lower-casing without punctuation or symbols of any script, ROUGE-L over runs of letters and digits " +
            "(one token per CJK ideograph, kana or Hangul syllable) with no stemming (there is no stemmer for other " +
            "languages).", config => config.TextMode);
    }

    // An evaluation set on the command line replaces the file's, whichever kind the file named.
    protected override EvaluationConfig Adjust(ParseResult parse, EvaluationConfig config, ConfigProblems problems)
    {
        var superNi = parse.GetValue(_superNi);
        var userOriented = parse.GetValue(_userOriented);
        var dataset = parse.GetValue(_dataset);
        return superNi is null && userOriented is null && dataset is null
            ? config
            : config with { SuperNi = superNi, UserOriented = userOriented, Dataset = dataset };
    }
}
