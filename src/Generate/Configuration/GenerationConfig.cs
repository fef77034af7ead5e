using SelfInstruct.Backends;
using SelfInstruct.Model;

namespace SelfInstruct.Generate.Configuration;

/// <summary>
/// Everything <c>selfinstruct generate</c> does, with the released Self-Instruct code's settings as defaults.
/// Precedence: these defaults, then a JSON file (snake_case keys), then command-line options.
/// </summary>
public sealed record GenerationConfig : IConfigRecord
{
    /// <summary>The seed tasks (.jsonl seed format, .json Alpaca, .parquet), relative to the current folder.</summary>
    public string Seeds { get; init; } = Path.Combine("data", "seed_tasks.jsonl");

    /// <summary>A folder whose NAME.txt files replace the embedded prompt templates; null for the embedded ones.</summary>
    public string? Templates { get; init; }

    /// <summary>The output folder the run writes and resumes in; a run needs one.</summary>
    public string? Output { get; init; }

    /// <summary>How many new instructions to accept into the pool; the paper asked for 50,000.</summary>
    public int NumInstructions { get; init; } = 100;

    /// <summary>The paper's four steps, or Alpaca's many whole tasks per request.</summary>
    public GenerationStyle Style { get; init; } = GenerationStyle.SelfInstruct;

    /// <summary>Alpaca style: new tasks each request asks for.</summary>
    public int AlpacaTasksPerRequest { get; init; } = 20;

    /// <summary>Alpaca style: seed tasks shown whole in each prompt.</summary>
    public int AlpacaSeedTasks { get; init; } = 3;

    /// <summary>Alpaca style's decoding settings, Alpaca's own: temperature 1, top_p 1, 3072 tokens.</summary>
    public double AlpacaTemperature { get; init; } = 1.0;

    public double AlpacaTopP { get; init; } = 1.0;

    public int AlpacaMaxTokens { get; init; } = 3072;

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

    /// <summary>
    /// How instructions become words for ROUGE-L and the filter: english, the released code's rules exactly, or
    /// unicode, for any script (no stemming; see <see cref="UnicodeRougeTokenizer"/>).
    /// </summary>
    public TextMode TextMode { get; init; } = TextMode.English;

    /// <summary>
    /// A keyword blacklist file (one entry per line, <c>#</c> comments) replacing the paper's English keywords; null
    /// for those. See <see cref="KeywordBlacklist"/>.
    /// </summary>
    public string? Blacklist { get; init; }

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

    /// <summary>How the classification answer is read; strict matches the released code.</summary>
    public ClassificationAnswer ClassificationAnswer { get; init; } = ClassificationAnswer.Lenient;

    public double InstanceTemperature { get; init; }

    public double InstancePresencePenalty { get; init; } = 1.5;

    /// <summary>
    /// Token limit of an instance request in a group of <see cref="RequestsPerBatch"/> tasks that holds a
    /// classification task.
    /// </summary>
    public int InstanceMaxTokens { get; init; } = 300;

    /// <summary>Token limit of an instance request in a group without classification tasks.</summary>
    public int InstanceMaxTokensWithoutClassification { get; init; } = 350;

    /// <summary>"Example 6" keeps the model to five examples; "Task:" stops it inventing the next task.</summary>
    public IReadOnlyList<string> InstanceStop { get; init; } = ["Example 6", "Task:"];

    public GenerationBackend Backend { get; init; } = GenerationBackend.OpenAI;

    public string Model { get; init; } = "gpt-4o-mini";

    /// <summary>
    /// The API root of an OpenAI-compatible server, or several servers of the model (a JSON list) that requests are
    /// spread over; empty for OpenAI itself.
    /// </summary>
    [JsonPropertyName("base_url")]
    [JsonConverter(typeof(OneOrManyConverter))]
    public IReadOnlyList<string> BaseUrls { get; init; } = [];

    /// <summary>Servers of the model with a weight and concurrency each, instead of <see cref="BaseUrls"/>.</summary>
    public IReadOnlyList<GenerationEndpoint> Endpoints { get; init; } = [];

    /// <summary>With several servers, consecutive failed requests that set one aside for the cool-down.</summary>
    public int EndpointFailuresBeforeCoolDown { get; init; } = 3;

    /// <summary>How long a failing server is set aside before it is tried again.</summary>
    public double EndpointCoolDownSeconds { get; init; } = 30;

    public OpenAIApi Api { get; init; } = OpenAIApi.Chat;

    /// <summary>With the local backend, the dtype the checkpoint is loaded and run in.</summary>
    public ComputeDtype Dtype { get; init; } = ComputeDtype.Fp32;

    /// <summary>The environment variable that holds the API key. The key itself is never in the config.</summary>
    public string ApiKeyEnvironmentVariable { get; init; } = "OPENAI_API_KEY";

    /// <summary>Requests in flight at once.</summary>
    public int Concurrency { get; init; } = 8;

    public int? RequestsPerMinute { get; init; }

    public int? TokensPerMinute { get; init; }

    public double RequestTimeoutSeconds { get; init; } = 120;

    public int MaxRetries { get; init; } = 3;

    /// <summary>
    /// Attempts per request in all for a transport fault (timeout, dropped connection, 429 or 5xx after the SDK's
    /// retries, a body that is not the API's JSON), with capped exponential backoff that honours Retry-After.
    /// </summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>
    /// Send the requests through OpenAI's Batch API (files and batches, answered within 24 hours at half the price)
    /// in rounds of <see cref="RoundSize"/> instruction prompts, instead of one request at a time.
    /// </summary>
    public bool BatchApi { get; init; }

    /// <summary>With the Batch API, the instruction generation prompts of a round, from the pool as it is.</summary>
    public int RoundSize { get; init; } = 500;

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

    /// <summary>What the Batch API charges of the live prices.</summary>
    public const double BatchApiPriceFactor = 0.5;

    /// <summary>The cost of the tokens at the configured prices per million (at Batch API rates with it).</summary>
    public double CostOf(long inputTokens, long outputTokens) =>
        ((inputTokens * PriceInputPerMillion) + (outputTokens * PriceOutputPerMillion)) / 1_000_000 *
        (BatchApi ? BatchApiPriceFactor : 1);

    /// <inheritdoc />
    public IReadOnlyList<string> Problems()
    {
        var problems = new ConfigProblems();
        problems.Positive("num_instructions", NumInstructions);
        problems.Positive("requests_per_batch", RequestsPerBatch);
        problems.Positive("prompt_instructions", PromptInstructions);
        problems.InRange("machine_instructions_per_prompt", MachineInstructionsPerPrompt, 0, PromptInstructions);
        problems.InRange("similarity_threshold", SimilarityThreshold, 0, 1);
        problems.Positive("max_instances_per_task", MaxInstancesPerTask);
        problems.Positive("max_batches_without_progress", MaxBatchesWithoutProgress);
        problems.NotNegative("dataset_write_interval_seconds", DatasetWriteIntervalSeconds);
        CheckSampling(problems);
        problems.Check(Enum.IsDefined(Style),
            $"style must be one of {string.Join(", ", EnumNames.All<GenerationStyle>())}, found {Style}");
        problems.Positive("alpaca_tasks_per_request", AlpacaTasksPerRequest);
        problems.Positive("alpaca_seed_tasks", AlpacaSeedTasks);
        problems.InRange("alpaca_temperature", AlpacaTemperature, 0, 2);
        problems.InRange("alpaca_top_p", AlpacaTopP, 0, 1);
        problems.Positive("alpaca_max_tokens", AlpacaMaxTokens);
        problems.Required("model", Model, "a model");
        CheckEndpoints(problems);
        problems.Required("api_key_environment_variable", ApiKeyEnvironmentVariable, "a variable");
        problems.Check(Enum.IsDefined(Dtype),
            $"dtype must be one of {string.Join(", ", EnumNames.All<ComputeDtype>())}, found {Dtype}");
        problems.Positive("concurrency", Concurrency);
        // A batch holds at most 50,000 lines; a round's instance batch has one per accepted instruction, up to ~7 per
        // instruction prompt.
        problems.InRange("round_size", RoundSize, 1, 5_000);
        problems.Check(!BatchApi || Backend == GenerationBackend.OpenAI,
            $"batch_api needs the openai backend, found {Backend.ToString().ToLowerInvariant()}");
        problems.Positive("requests_per_minute", RequestsPerMinute);
        problems.Positive("tokens_per_minute", TokensPerMinute);
        problems.InRange("request_timeout_seconds", RequestTimeoutSeconds, 1, 3600);
        problems.InRange("max_retries", MaxRetries, 0, 20);
        problems.InRange("max_attempts", MaxAttempts, 1, 20);
        problems.NotNegative("price_input_per_million", PriceInputPerMillion);
        problems.NotNegative("price_output_per_million", PriceOutputPerMillion);
        problems.NotNegative("max_cost", MaxCost);
        problems.Positive("max_requests", MaxRequests);
        return problems.List;
    }

    private void CheckSampling(ConfigProblems problems)
    {
        problems.InRange("instruction_temperature", InstructionTemperature, 0, 2);
        problems.InRange("instruction_top_p", InstructionTopP, 0, 1);
        problems.InRange("instruction_presence_penalty", InstructionPresencePenalty, -2, 2);
        problems.Positive("instruction_max_tokens", InstructionMaxTokens);
        CheckStops(problems, "instruction_stop", InstructionStop);
        problems.InRange("classification_temperature", ClassificationTemperature, 0, 2);
        problems.Positive("classification_max_tokens", ClassificationMaxTokens);
        CheckStops(problems, "classification_stop", ClassificationStop);
        problems.InRange("instance_temperature", InstanceTemperature, 0, 2);
        problems.InRange("instance_presence_penalty", InstancePresencePenalty, -2, 2);
        problems.Positive("instance_max_tokens", InstanceMaxTokens);
        problems.Positive("instance_max_tokens_without_classification", InstanceMaxTokensWithoutClassification);
        CheckStops(problems, "instance_stop", InstanceStop);
    }

    /// <summary>The servers requests go to: <see cref="Endpoints"/>, or one per base URL; empty for OpenAI's own.
    /// </summary>
    public IReadOnlyList<GenerationEndpoint> Servers() =>
        Endpoints.Count > 0 ? Endpoints : BaseUrls.Select(url => new GenerationEndpoint { BaseUrl = url }).ToList();

    private void CheckEndpoints(ConfigProblems problems)
    {
        problems.Check(BaseUrls.Count == 0 || Endpoints.Count == 0,
            $"base_url and endpoints both name servers ({BaseUrls.Count} and {Endpoints.Count}): give one of them");
        foreach (var url in BaseUrls)
        {
            CheckUrl(problems, "base_url", url);
        }
        foreach (var (endpoint, index) in Endpoints.Select((endpoint, index) => (endpoint, index)))
        {
            var key = $"endpoints[{index}]";
            CheckUrl(problems, $"{key}.base_url", endpoint.BaseUrl);
            problems.Check(endpoint.Weight > 0,
                $"{key}.weight must be positive, found {ConfigProblems.Text(endpoint.Weight)}");
            problems.Positive($"{key}.concurrency", endpoint.Concurrency);
        }
        problems.Positive("endpoint_failures_before_cool_down", EndpointFailuresBeforeCoolDown);
        problems.NotNegative("endpoint_cool_down_seconds", EndpointCoolDownSeconds);
    }

    private static void CheckUrl(ConfigProblems problems, string key, string? url) =>
        problems.Check(Uri.TryCreate(url, UriKind.Absolute, out _),
            $"{key} must be an absolute URL such as http://127.0.0.1:8000/v1, found '{url}'");

    // OpenAI accepts at most four stop sequences, and an empty one would stop every answer at once.
    private static void CheckStops(ConfigProblems problems, string key, IReadOnlyList<string>? stops) =>
        problems.Check(stops is not null && stops.Count <= 4 && stops.All(stop => stop.Length > 0),
            $"{key} must hold at most 4 non-empty sequences, found {stops?.Count ?? 0}");
}
