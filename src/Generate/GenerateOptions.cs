using System.CommandLine;

namespace SelfInstruct.Generate;

/// <summary>The options of <c>selfinstruct generate</c>, each bound once to its <see cref="GenerationConfig"/>
/// setting.</summary>
internal sealed class GenerateOptions : ConfigOptions<GenerationConfig>
{
    /// <summary>The help of --text-mode, which filter shares.</summary>
    internal const string TextModeDescription = "How instructions become words for ROUGE-L and the filter. " +
        "english: the released code's rules exactly. unicode: any script; tokens are runs of letters and digits " +
        "after NFKC and lower-casing, one per CJK ideograph, kana or Hangul syllable; the length bounds count them; " +
        "only a leading punctuation mark or symbol is rejected; no stemming (there is no stemmer for other languages).";

    /// <summary>The help of --blacklist, which filter shares.</summary>
    internal const string BlacklistDescription = "Keyword blacklist file: one keyword or phrase per line, matched " +
        "as whole words (blank lines and # comments ignored), replacing the paper's English keywords.";

    public GenerateOptions()
        : base("generation settings", "A JSON file of generation settings (snake_case keys of the config, such " +
            "as num_instructions).", GenerationConfigFile.Options)
    {
        FilePath("--out", "DIR", "Output folder: journal.jsonl, config.json, dataset.parquet, stats.md and " +
            "plots. Run the same command again on it to resume.", config => config.Output).Required = true;
        FilePath("--seeds", "FILE", "Seed tasks (.jsonl seed format, .json Alpaca, .parquet), relative to the " +
            "current folder.", config => config.Seeds);
        FilePath("--templates", "DIR", "A folder whose NAME.txt files replace the embedded prompt templates of " +
            "the same name.", config => config.Templates);
        Value("--num-instructions", "N", "New instructions to accept.", config => config.NumInstructions);
        Choice("--style", "self-instruct: the paper's four steps. alpaca: each request asks for whole tasks " +
            "(instruction, input, output) from a few seed tasks, Alpaca's way: no classification step, one instance " +
            "per task, Alpaca's extra keywords rejected.", config => config.Style);
        Choice("--backend", "Where the model runs: openai (any OpenAI-compatible server) or local (a " +
            "checkpoint folder run in-process; --model names the folder, and --api completions suits base models).",
            config => config.Backend);
        Text("--model", "NAME", "Model name, or with --backend local the checkpoint folder.", config => config.Model);
        Choice("--dtype", "With --backend local, the dtype the checkpoint is loaded and run in (bf16 halves the " +
            "memory).", config => config.Dtype);
        List("--base-url", "URL", "API root of an OpenAI-compatible server, such as http://127.0.0.1:8000/v1; " +
            "several spread the requests (to the one with the fewest in flight). Without one, OpenAI's own API.",
            config => config.BaseUrls);
        Choice("--api", "chat, or completions for base models.", config => config.Api);
        Text("--api-key-env", "VARIABLE", "Environment variable holding the API key; the key is never shown.",
            config => config.ApiKeyEnvironmentVariable);
        Value("--concurrency", "N", "Requests in flight.", config => config.Concurrency);
        Flag("--batch-api", "Send the requests through OpenAI's Batch API (/v1/files and /v1/batches) in " +
            "rounds: answered within 24 hours at half the price (--price-in/--price-out stay the live prices); a " +
            "rerun polls the batches it already submitted.", config => config.BatchApi);
        Value("--round-size", "N", "With --batch-api, instruction generation prompts per round.",
            config => config.RoundSize);
        Value("--max-attempts", "N", "Attempts per request for a transport fault (timeout, dropped connection, " +
            "429/5xx after the SDK's retries, a cut-off body), with backoff; 1 turns retrying off.",
            config => config.MaxAttempts);
        Value("--price-in", "PRICE", "Price per million prompt tokens; 0 when unknown.",
            config => config.PriceInputPerMillion);
        Value("--price-out", "PRICE", "Price per million output tokens; 0 when unknown.",
            config => config.PriceOutputPerMillion);
        OptionalValue("--max-cost", "COST", "Stop cleanly at this cost.",
            config => config.MaxCost, unsetDefault: "no limit");
        OptionalValue("--max-requests", "N", "Stop cleanly after this many requests in total.",
            config => config.MaxRequests, unsetDefault: "no limit");
        Choice("--classification-answer", "How step 2's answer is read: lenient (\"Yes.\", \"yes, it is\" count " +
            "as yes) or strict (only Yes/yes/YES, as the released code).", config => config.ClassificationAnswer);
        Choice("--text-mode", TextModeDescription, config => config.TextMode);
        FilePath("--blacklist", "FILE", BlacklistDescription, config => config.Blacklist);
    }

    public Option<bool> DryRun { get; } = new("--dry-run")
    {
        Description = "Estimate requests, tokens and cost for the target size; send nothing.",
    };
}
