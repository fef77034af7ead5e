using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SelfInstruct.Backends;
using SelfInstruct.Core.Records;
using SelfInstruct.Generate.Configuration;
using SelfInstruct.Generate.Pipeline;
using SelfInstruct.Generate.Prompts;
using SelfInstruct.Generate.Reports;
using Spectre.Console;

namespace SelfInstruct.Generate;

/// <summary>
/// One generate run as a user sees it: the backend built from the config, the four-step pipeline with live
/// progress (or a plain line every 10 s on a console that is not interactive), then stats.md, the plots and the
/// summary table. <c>selfinstruct generate</c> and <c>selfinstruct pipeline</c> both run it.
/// </summary>
public sealed class GenerationRun
{
    private static readonly TimeSpan _plainLineInterval = TimeSpan.FromSeconds(10);

    private readonly IAnsiConsole _console;
    private readonly Func<string, string?> _environment;
    private readonly ILoggerFactory _loggerFactory;

    public GenerationRun(IAnsiConsole console, Func<string, string?> environment, ILoggerFactory loggerFactory)
    {
        _console = console;
        _environment = environment;
        _loggerFactory = loggerFactory;
    }

    /// <summary>Runs (or resumes) generation into <paramref name="output"/> and returns the run's statistics.</summary>
    public async Task<GenerationStatistics> RunAsync(
        GenerationConfig config,
        PromptTemplates templates,
        IReadOnlyList<SeedTask> seeds,
        string output,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(seeds);
        using var client = CreateClient(config, output);
        var pipeline = new GenerationPipeline(
            client, config, templates, _loggerFactory.CreateLogger<GenerationPipeline>());
        var result = await RunWithProgressAsync(pipeline, seeds, output, cancellationToken);
        var statistics = GenerationStatistics.From(result, config.Model, templates.Version);
        await StatisticsReport.WriteAsync(output, statistics, cancellationToken);
        GenerationSummaryView.Render(_console, statistics);
        return statistics;
    }

    private IChatClient CreateClient(GenerationConfig config, string output) => config.Backend switch
    {
        GenerationBackend.OpenAI => OpenAIBackend.Create(new OpenAIBackendOptions(
            config.Model,
            config.BaseUrl is null ? null : new Uri(config.BaseUrl),
            config.ApiKeyEnvironmentVariable,
            config.Api,
            TimeSpan.FromSeconds(config.RequestTimeoutSeconds),
            config.MaxRetries,
            config.RequestsPerMinute,
            config.TokensPerMinute,
            config.ResponseCache ? Path.Combine(output, "cache") : null), _environment),
        GenerationBackend.Local => LocalBackend.Create(config.Model, config.Api),
        _ => throw new ArgumentOutOfRangeException(nameof(config), config.Backend, "unknown backend"),
    };

    private async Task<GenerationResult> RunWithProgressAsync(
        GenerationPipeline pipeline, IReadOnlyList<SeedTask> seeds, string output, CancellationToken token)
    {
        var latest = new LatestProgress();
        // Only the run watches the token: on cancellation it writes the dataset before it ends, and we wait for that.
        var run = pipeline.RunAsync(seeds, output, latest, token);
        if (_console.Profile.Capabilities.Interactive)
        {
            await _console.Live(GenerationProgressView.Table(null)).StartAsync(async context =>
            {
                while (!run.IsCompleted)
                {
                    context.UpdateTarget(GenerationProgressView.Table(latest.Value));
                    await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None));
                }
                context.UpdateTarget(GenerationProgressView.Table(latest.Value));
            });
        }
        else
        {
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(_plainLineInterval, CancellationToken.None));
                if (!run.IsCompleted && latest.Value is { } progress)
                {
                    _console.WriteLine(GenerationProgressView.Line(progress));
                }
            }
        }
        var result = await run;
        _console.WriteLine(GenerationProgressView.Line(result.Progress));
        return result;
    }

    private sealed class LatestProgress : IProgress<GenerationProgress>
    {
        private GenerationProgress? _value;

        public GenerationProgress? Value => Volatile.Read(ref _value);

        public void Report(GenerationProgress value) => Volatile.Write(ref _value, value);
    }
}
