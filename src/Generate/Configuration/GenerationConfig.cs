using System.Globalization;
using SelfInstruct.Backends;
using SelfInstruct.Core.Configuration;

namespace SelfInstruct.Generate.Configuration;

/// <summary>
/// Everything <c>selfinstruct generate</c> does, with the released Self-Instruct code's settings as defaults.
/// Precedence: these defaults, then a JSON file (snake_case keys), then command-line options.
/// </summary>
public sealed record GenerationConfig
{
    /// <summary>How many new instructions to accept into the pool; the paper asked for 50,000.</summary>
    public int NumInstructions { get; init; } = 100;

    /// <summary>Seeds the one <see cref="Random"/> that samples prompt instructions.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Instruction generation requests per batch; the pool is extended after each batch.</summary>
    public int RequestsPerBatch { get; init; } = 5;

    /// <summary>Example instructions in each instruction generation prompt.</summary>
    public int PromptInstructions { get; init; } = 8;

    /// <summary>Of those, at most this many come from the machine pool, the rest from the seeds.</summary>
    public int MachineInstructionsPerPrompt { get; init; } = 2;

    /// <summary>A new instruction is rejected when its ROUGE-L F to any pool instruction is above this.</summary>
    public double SimilarityThreshold { get; init; } = 0.7;

    /// <summary>Also reject Alpaca's extra keywords (video, audio, music, flowchart, diagram).</summary>
    public bool AlpacaKeywords { get; init; }

    /// <summary>Instances kept per task at most.</summary>
    public int MaxInstancesPerTask { get; init; } = 5;

    /// <summary>Stop after this many batches in a row that accept no instruction: the model is stuck.</summary>
    public int MaxBatchesWithoutProgress { get; init; } = 20;

    /// <summary>
    /// Rewrite dataset.parquet after a batch only when this many seconds have passed since the last write (and always
    /// at the end), so a large dataset is not rewritten after every batch; 0 writes after every batch. The journal
    /// holds every batch at once either way.
    /// </summary>
    public double DatasetWriteIntervalSeconds { get; init; } = 30;

    public double InstructionTemperature { get; init; } = 0.7;

    public double InstructionTopP { get; init; } = 0.5;

    public double InstructionPresencePenalty { get; init; } = 2.0;

    public int InstructionMaxTokens { get; init; } = 1024;

    /// <summary>A blank line ends the list; "16" ends it after item 15.</summary>
    public IReadOnlyList<string> InstructionStop { get; init; } = ["\n\n", "\n16", "16.", "16 ."];

    public double ClassificationTemperature { get; init; }

    public int ClassificationMaxTokens { get; init; } = 3;

    public IReadOnlyList<string> ClassificationStop { get; init; } = ["\n", "Task:"];

    public double InstanceTemperature { get; init; }

    public double InstancePresencePenalty { get; init; } = 1.5;

    /// <summary>Token limit of an instance request in a batch that holds a classification task.</summary>
    public int InstanceMaxTokens { get; init; } = 300;

    /// <summary>Token limit of an instance request in a batch without classification tasks.</summary>
    public int InstanceMaxTokensWithoutClassification { get; init; } = 350;

    /// <summary>"Example 6" keeps the model to five examples; "Task:" stops it inventing the next task.</summary>
    public IReadOnlyList<string> InstanceStop { get; init; } = ["Example 6", "Task:"];

    public GenerationBackend Backend { get; init; } = GenerationBackend.OpenAI;

    public string Model { get; init; } = "gpt-4o-mini";

    /// <summary>The API root of an OpenAI-compatible server; null for OpenAI itself.</summary>
    public string? BaseUrl { get; init; }

    public OpenAIApi Api { get; init; } = OpenAIApi.Chat;

    /// <summary>The environment variable that holds the API key. The key itself is never in the config.</summary>
    public string ApiKeyEnvironmentVariable { get; init; } = "OPENAI_API_KEY";

    /// <summary>Requests in flight at once.</summary>
    public int Concurrency { get; init; } = 8;

    public int? RequestsPerMinute { get; init; }

    public int? TokensPerMinute { get; init; }

    public double RequestTimeoutSeconds { get; init; } = 120;

    public int MaxRetries { get; init; } = 3;

    /// <summary>Cache responses on disk under the output folder, so a rerun never pays twice.</summary>
    public bool ResponseCache { get; init; } = true;

    /// <summary>Price in currency units per million prompt tokens; 0 when unknown.</summary>
    public double PriceInputPerMillion { get; init; }

    /// <summary>Price in currency units per million output tokens; 0 when unknown.</summary>
    public double PriceOutputPerMillion { get; init; }

    /// <summary>Stop before the cost would pass this; null for no limit.</summary>
    public double? MaxCost { get; init; }

    /// <summary>Stop before sending more requests than this in total; null for no limit.</summary>
    public int? MaxRequests { get; init; }

    /// <summary>The cost of the tokens at the configured prices per million.</summary>
    public double CostOf(long inputTokens, long outputTokens) =>
        ((inputTokens * PriceInputPerMillion) + (outputTokens * PriceOutputPerMillion)) / 1_000_000;

    /// <summary>Every problem with the values, all at once.</summary>
    /// <exception cref="ConfigException">At least one value is out of range.</exception>
    public void Validate(string source = "generation config")
    {
        var problems = new List<string>();
        Positive(problems, "num_instructions", NumInstructions);
        Positive(problems, "requests_per_batch", RequestsPerBatch);
        Positive(problems, "prompt_instructions", PromptInstructions);
        Range(problems, "machine_instructions_per_prompt", MachineInstructionsPerPrompt, 0, PromptInstructions);
        Range(problems, "similarity_threshold", SimilarityThreshold, 0, 1);
        Positive(problems, "max_instances_per_task", MaxInstancesPerTask);
        Positive(problems, "max_batches_without_progress", MaxBatchesWithoutProgress);
        Range(problems, "dataset_write_interval_seconds", DatasetWriteIntervalSeconds, 0, double.MaxValue);
        ValidateSampling(problems);
        if (string.IsNullOrWhiteSpace(Model))
        {
            problems.Add("model must name a model, found an empty name");
        }
        if (BaseUrl is not null && !Uri.TryCreate(BaseUrl, UriKind.Absolute, out _))
        {
            problems.Add($"base_url must be an absolute URL such as http://127.0.0.1:8000/v1, found '{BaseUrl}'");
        }
        if (string.IsNullOrWhiteSpace(ApiKeyEnvironmentVariable))
        {
            problems.Add("api_key_environment_variable must name a variable, found an empty name");
        }
        Positive(problems, "concurrency", Concurrency);
        Positive(problems, "requests_per_minute", RequestsPerMinute);
        Positive(problems, "tokens_per_minute", TokensPerMinute);
        Range(problems, "request_timeout_seconds", RequestTimeoutSeconds, 1, 3600);
        Range(problems, "max_retries", MaxRetries, 0, 20);
        Range(problems, "price_input_per_million", PriceInputPerMillion, 0, double.MaxValue);
        Range(problems, "price_output_per_million", PriceOutputPerMillion, 0, double.MaxValue);
        Range(problems, "max_cost", MaxCost, 0, double.MaxValue);
        Positive(problems, "max_requests", MaxRequests);
        if (problems.Count > 0)
        {
            throw new ConfigException(source, problems);
        }
    }

    private void ValidateSampling(List<string> problems)
    {
        Range(problems, "instruction_temperature", InstructionTemperature, 0, 2);
        Range(problems, "instruction_top_p", InstructionTopP, 0, 1);
        Range(problems, "instruction_presence_penalty", InstructionPresencePenalty, -2, 2);
        Positive(problems, "instruction_max_tokens", InstructionMaxTokens);
        Stops(problems, "instruction_stop", InstructionStop);
        Range(problems, "classification_temperature", ClassificationTemperature, 0, 2);
        Positive(problems, "classification_max_tokens", ClassificationMaxTokens);
        Stops(problems, "classification_stop", ClassificationStop);
        Range(problems, "instance_temperature", InstanceTemperature, 0, 2);
        Range(problems, "instance_presence_penalty", InstancePresencePenalty, -2, 2);
        Positive(problems, "instance_max_tokens", InstanceMaxTokens);
        Positive(problems, "instance_max_tokens_without_classification", InstanceMaxTokensWithoutClassification);
        Stops(problems, "instance_stop", InstanceStop);
    }

    private static void Positive(List<string> problems, string name, int? value)
    {
        if (value is <= 0)
        {
            problems.Add($"{name} must be positive, found {value}");
        }
    }

    private static void Range(List<string> problems, string name, double? value, double min, double max)
    {
        if (value is { } found && (double.IsNaN(found) || found < min || found > max))
        {
            var bounds = max == double.MaxValue
                ? $"be at least {Text(min)}"
                : $"lie in {Text(min)}..{Text(max)}";
            problems.Add($"{name} must {bounds}, found {Text(found)}");
        }
    }

    // OpenAI accepts at most four stop sequences, and an empty one would stop every answer at once.
    private static void Stops(List<string> problems, string name, IReadOnlyList<string>? stops)
    {
        if (stops is null || stops.Count > 4 || stops.Any(stop => stop.Length == 0))
        {
            problems.Add($"{name} must hold at most 4 non-empty sequences, found {stops?.Count ?? 0}");
        }
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
