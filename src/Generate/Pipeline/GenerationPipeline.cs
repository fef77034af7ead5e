using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SelfInstruct.Backends;

namespace SelfInstruct.Generate.Pipeline;

/// <summary>
/// Self-Instruct's bootstrap loop over any <see cref="IChatClient"/>: batch after batch of the four steps until the
/// pool holds the target number of new instructions or a budget is spent. Everything lives in the output folder:
/// the journal (every reply and every committed batch), <c>config.json</c>, and <c>dataset.parquet</c>, rewritten
/// atomically after a batch once the configured interval has passed, and at the end (also when cancelled). Run it
/// again on the same folder and it continues where the journal ends. With the Batch API, each batch is a round sent
/// through <paramref name="batchApi"/>, whose polls wait on <paramref name="time"/>.
/// </summary>
public sealed class GenerationPipeline(
    IChatClient client,
    GenerationConfig config,
    PromptTemplates templates,
    ILogger<GenerationPipeline> logger,
    OpenAIBatchApi? batchApi = null,
    TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The dataset's file name in the output folder.</summary>
    public const string DatasetFileName = "dataset.parquet";

    /// <summary>The resolved configuration's file name in the output folder.</summary>
    public const string ConfigFileName = "config.json";

    /// <summary>Runs (or resumes) the loop in <paramref name="outputDirectory"/>.</summary>
    /// <exception cref="ConfigException">The configuration is invalid.</exception>
    /// <exception cref="ArgumentException">The seed pool has fewer instructions than a prompt shows.</exception>
    /// <exception cref="InvalidOperationException">batch_api and the Batch API given disagree.</exception>
    public async Task<GenerationResult> RunAsync(
        IReadOnlyList<SeedTask> seeds,
        string outputDirectory,
        IProgress<GenerationProgress>? progress,
        CancellationToken cancellationToken)
    {
        config.Validate("generation settings");
        if (config.BatchApi != (batchApi is not null))
        {
            throw new InvalidOperationException(
                $"batch_api is {(config.BatchApi ? "on" : "off")}, but the pipeline was built " +
                $"{(batchApi is null ? "without" : "with")} a Batch API");
        }
        var seedInstructions = SeedInstructions(seeds);
        var (journal, contents) = await GenerationJournal.OpenAsync(outputDirectory, cancellationToken);
        await using var journalScope = journal;
        var state = RunState.Replay(seedInstructions, contents.Batches, config);
        logger.Resumed(contents.Batches.Count, state.Tasks.Count, contents.TornLineDropped);
        await WriteConfigAsync(outputDirectory, cancellationToken);
        await WriteDatasetAsync(outputDirectory, state, cancellationToken);

        var batchRequests = batchApi is null
            ? null
            : new BatchApiRequests(batchApi, journal, contents.ApiBatches, config, _time, logger);
        using var requests = new ModelRequests(
            client, journal, contents.Replies, state.Total.Usage, config, logger, batchRequests);
        var runProgress = new RunProgress(config, state, requests.Usage);
        var stop = await RunBatchesAsync(
            seeds, state, journal, requests, runProgress, progress, outputDirectory, cancellationToken);
        logger.Stopped(stop);
        return new GenerationResult(stop, state.Tasks, runProgress.Snapshot(), contents.Batches.Count);
    }

    /// <summary>The dataset rows of accepted tasks: one per instance, tasks without instances have none.</summary>
    public static IReadOnlyList<DatasetRow> ToRows(
        IEnumerable<GeneratedTask> tasks, string model, string promptVersion) =>
        tasks.SelectMany(task => task.Instances.Select(instance =>
            DatasetRows.InstanceRow(task.Id, task.Instruction, task.IsClassification, TaskOrigin.Machine, instance) with
            {
                Model = model,
                PromptVersion = promptVersion,
                MaxSimilarity = task.MaxSimilarity,
                MostSimilarInstruction = task.MostSimilar.Count > 0 ? task.MostSimilar[0].Instruction : null,
                MeanSimilarity = task.MeanSimilarity,
            })).ToList();

    private async Task<StopReason> RunBatchesAsync(
        IReadOnlyList<SeedTask> seeds,
        RunState state,
        GenerationJournal journal,
        ModelRequests requests,
        RunProgress runProgress,
        IProgress<GenerationProgress>? progress,
        string outputDirectory,
        CancellationToken cancellationToken)
    {
        StopReason stop;
        var lastWrite = Stopwatch.StartNew();
        var unwritten = false;
        try
        {
            while (!ShouldStop(state, requests, out stop))
            {
                var current = new GenerationCounts();
                var started = _time.GetTimestamp();
                var running = config.Style == GenerationStyle.Alpaca
                    ? new AlpacaBatchRunner(config, templates.AlpacaTasks, seeds, state, requests)
                        .RunAsync(state.NextBatch, current, cancellationToken)
                    : new BatchRunner(config, templates, state, requests)
                        .RunAsync(state.NextBatch, current, cancellationToken);
                if (progress is not null)
                {
                    await runProgress.ReportUntilDoneAsync(running, current, progress);
                }
                var batch = await running;
                if (batchApi is not null)
                {
                    batch = batch with { WallSeconds = _time.GetElapsedTime(started).TotalSeconds };
                }
                await journal.AppendAsync(batch, cancellationToken);
                state.Commit(batch, addToPool: false);
                unwritten = true;
                if (lastWrite.Elapsed.TotalSeconds >= config.DatasetWriteIntervalSeconds)
                {
                    await WriteDatasetAsync(outputDirectory, state, cancellationToken);
                    (unwritten, lastWrite) = (false, Stopwatch.StartNew());
                }
                logger.BatchCommitted(batch.Index, batch.Tasks.Count, state.Tasks.Count, config.NumInstructions);
                progress?.Report(runProgress.Snapshot());
            }
        }
        finally
        {
            // Cancelled or not, the dataset ends up holding every committed batch.
            if (unwritten)
            {
                await WriteDatasetAsync(outputDirectory, state, CancellationToken.None);
            }
        }
        return stop;
    }

    private List<string> SeedInstructions(IReadOnlyList<SeedTask> seeds)
    {
        var instructions = seeds.Select(seed => seed.Instruction).Distinct(StringComparer.Ordinal).ToList();
        if (instructions.Count < config.PromptInstructions)
        {
            throw new ArgumentException(
                $"a prompt shows {config.PromptInstructions} instructions, the seed pool has {instructions.Count}",
                nameof(seeds));
        }
        return instructions;
    }

    private bool ShouldStop(RunState state, ModelRequests requests, out StopReason reason)
    {
        var stuck = state.BatchesWithoutProgress >= config.MaxBatchesWithoutProgress;
        reason = StopReason.TargetReached;
        // At the target, batches go on only to ask again for what pending tasks still need.
        if (state.Tasks.Count >= config.NumInstructions && (stuck || state.PendingCount == 0))
        {
            return true;
        }
        reason = StopReason.NoProgress;
        return stuck || requests.BudgetSpent(out reason);
    }

    private Task WriteConfigAsync(string outputDirectory, CancellationToken cancellationToken) =>
        AtomicFile.WriteTextAsync(Path.Combine(outputDirectory, ConfigFileName),
            GenerationConfigFile.ToJson(config) + "\n", cancellationToken);

    private Task WriteDatasetAsync(string outputDirectory, RunState state, CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string>
        {
            ["selfinstruct.generate.config"] = GenerationConfigFile.ToJson(config),
            ["selfinstruct.prompt_version"] = templates.VersionFor(config.Style),
            ["selfinstruct.model"] = config.Model,
            ["selfinstruct.seed"] = config.Seed.ToString(CultureInfo.InvariantCulture),
        };
        return ParquetDatasetStore.WriteAsync(Path.Combine(outputDirectory, DatasetFileName),
            ToRows(state.Tasks, config.Model, templates.VersionFor(config.Style)), metadata, cancellationToken);
    }
}
