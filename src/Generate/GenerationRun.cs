using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SelfInstruct.Backends;
using SelfInstruct.Backends.Routing;

namespace SelfInstruct.Generate;

/// <summary>
/// One generate run: the seeds and templates the config names, the backend built from the config, the four-step
/// pipeline reporting to a progress sink, then stats.md and the plots. It writes nothing to the console;
/// <c>selfinstruct generate</c> and <c>selfinstruct pipeline</c> show its progress and summary.
/// </summary>
public sealed class GenerationRun
{
    private readonly Func<string, string?> _environment;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider? _time;

    /// <param name="environment">Reads an environment variable (the API key's).</param>
    /// <param name="loggerFactory">Creates the pipeline's logger.</param>
    /// <param name="time">What the Batch API's polls wait on; the system clock unless given.</param>
    public GenerationRun(Func<string, string?> environment, ILoggerFactory loggerFactory, TimeProvider? time = null)
    {
        _environment = environment;
        _loggerFactory = loggerFactory;
        _time = time;
    }

    /// <summary>The seed tasks of a seed file (.jsonl seed format, .json Alpaca, .parquet).</summary>
    public static async Task<IReadOnlyList<SeedTask>> ReadSeedsAsync(string path, CancellationToken cancellationToken)
    {
        var dataset = await DatasetFiles.ReadAsync(path, null, cancellationToken);
        return DatasetRows.ToSeedTasks(dataset.Rows);
    }

    /// <summary>Runs (or resumes) generation into the config's output folder; returns its figures and files.</summary>
    /// <exception cref="ArgumentException">The config names no output folder.</exception>
    public async Task<GenerationRunResult> RunAsync(
        GenerationConfig config, IProgress<GenerationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrEmpty(config.Output);
        var output = config.Output;
        var templates = await PromptTemplates.LoadAsync(config.Templates, cancellationToken);
        var seeds = await ReadSeedsAsync(config.Seeds, cancellationToken);
        using var client = CreateClient(config, output);
        var batchApi = config.BatchApi ? OpenAIBatchApi.Create(BackendOptions(config, output), _environment) : null;
        var pipeline = new GenerationPipeline(
            client, config, templates, _loggerFactory.CreateLogger<GenerationPipeline>(), batchApi, _time);
        // Only the pipeline watches the token: on cancellation it writes the dataset before it ends.
        var result = await pipeline.RunAsync(seeds, output, progress, cancellationToken);
        var statistics = GenerationStatistics.From(result, config.Model, templates.VersionFor(config.Style)) with
        {
            Endpoints = client.GetService<EndpointRouter>()?.Statistics() ?? [],
        };
        var written = await StatisticsReport.WriteAsync(output, statistics, cancellationToken);
        var card = await DatasetCard.WriteAsync(output, config, statistics, cancellationToken);
        return new GenerationRunResult(statistics, result.Progress,
            Path.Combine(output, GenerationPipeline.DatasetFileName),
            card,
            Path.Combine(output, GenerationJournal.FileName),
            Path.Combine(output, GenerationPipeline.ConfigFileName),
            Path.Combine(output, StatisticsReport.FileName),
            written.Skip(1).ToList());
    }

    private IChatClient CreateClient(GenerationConfig config, string output) => config.Backend switch
    {
        GenerationBackend.OpenAI => OpenAIBackend.Create(BackendOptions(config, output), _environment),
        GenerationBackend.Local => LocalBackend.Create(config.Model, config.Api, config.Dtype),
        _ => throw new ArgumentOutOfRangeException(nameof(config), config.Backend, "unknown backend"),
    };

    private static OpenAIBackendOptions BackendOptions(GenerationConfig config, string output) => new(
        config.Model,
        BaseUrl: null, // the servers are the endpoints below; none for OpenAI's own API
        config.ApiKeyEnvironmentVariable,
        config.Api,
        TimeSpan.FromSeconds(config.RequestTimeoutSeconds),
        config.MaxRetries,
        config.RequestsPerMinute,
        config.TokensPerMinute,
        config.ResponseCache ? Path.Combine(output, "cache") : null,
        config.MaxAttempts,
        [.. config.Servers().Select(server => new OpenAIEndpoint(new Uri(server.BaseUrl), server.Weight,
            server.Concurrency, server.ApiKeyEnvironmentVariable))],
        new EndpointCoolDown(config.EndpointFailuresBeforeCoolDown,
            TimeSpan.FromSeconds(config.EndpointCoolDownSeconds)));
}
