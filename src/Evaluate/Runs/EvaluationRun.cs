using Microsoft.Extensions.AI;

namespace SelfInstruct.Evaluate.Runs;

/// <summary>
/// Runs an evaluation into the config's output folder: loads the set, renders one prompt per instance in the resolved
/// style, answers it with every model (resuming from the predictions journal), scores, optionally judges, and writes
/// config.json, results.json, predictions.parquet and the report built from them. Endpoints come from
/// <paramref name="endpointClients"/>; without it only checkpoint folders can be evaluated.
/// </summary>
public sealed class EvaluationRun(Func<EndpointSpec, IChatClient>? endpointClients = null)
{
    /// <summary>The resolved settings written at the start of a run.</summary>
    public const string ConfigFileName = "config.json";

    /// <summary>
    /// Evaluates and writes the results and the report; rerunning on the same folder predicts only what is missing.
    /// </summary>
    /// <exception cref="ArgumentException">The config names no output folder.</exception>
    /// <exception cref="ConfigException">The settings are invalid.</exception>
    /// <exception cref="InvalidDataException">The evaluation set is malformed.</exception>
    public async Task<EvaluationRunResult> RunAsync(EvaluationConfig config, IProgress<EvaluationProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrEmpty(config.Output);
        config.Validate("evaluation settings");
        var outputFolder = config.Output;
        var models = config.ModelSpecs();
        var set = await EvaluationSets.LoadAsync(config, cancellationToken);
        var (style, reason) = PromptResolution.Resolve(config.Prompt, set.Kind, models);
        if (style == PromptStyle.Chat)
        {
            reason += string.Concat(models.Where(model => model.Checkpoint is not null).Select(model =>
                $"; {model.Name}: {ChatFormat.Of(ChatTemplate.Load(model.Checkpoint!)).Description}"));
        }
        var items = set.Tasks.SelectMany(task => task.Instances.Select(instance =>
            new PromptedInstance(task, instance, EvaluationPrompts.Render(style, config.PositiveExamples, task,
                instance)))).ToList();
        Directory.CreateDirectory(outputFolder);
        var configFile = Path.Combine(outputFolder, ConfigFileName);
        await AtomicFile.WriteJsonAsync(configFile, config, EvaluationConfigFile.Options, cancellationToken);
        using var journal = PredictionJournal.Open(outputFolder);
        var scored = new List<IReadOnlyList<ScoredPrediction>>();
        for (var index = 0; index < models.Count; index++)
        {
            scored.Add(await EvaluateModelAsync(
                config, models, index, style, items, journal, progress, cancellationToken));
        }
        var results = Build(config, set, style, reason, models, scored);
        await ResultsFiles.WriteAsync(outputFolder, results, scored.SelectMany(list => list).ToList(),
            cancellationToken);
        var report = await ReportWriter.WriteAsync(outputFolder, cancellationToken);
        return new EvaluationRunResult(results, configFile, Path.Combine(outputFolder, PredictionJournal.FileName),
            Path.Combine(outputFolder, ResultsFiles.ResultsFileName),
            Path.Combine(outputFolder, ResultsFiles.PredictionsFileName), report);
    }

    private async Task<IReadOnlyList<ScoredPrediction>> EvaluateModelAsync(EvaluationConfig config,
        IReadOnlyList<ModelSpec> models, int index, PromptStyle style, List<PromptedInstance> items,
        PredictionJournal journal, IProgress<EvaluationProgress>? progress, CancellationToken cancellationToken)
    {
        var model = models[index];
        var fingerprint = PredictionFingerprint.Of(model, style, config);
        var prompts = items.Select(item => new PendingPrompt(item.Instance.Id, item.Prompt)).ToList();
        await JournaledAnswers.FillAsync(journal, model.Name, fingerprint, prompts, () => CreateAnswerer(model, config, style),
            (done, cached) => progress?.Report(new EvaluationProgress(
                model.Name, index + 1, models.Count, done, items.Count, cached, "predict")),
            cancellationToken);
        var scored = items.Select(item =>
        {
            var record = journal.Find(model.Name, fingerprint, item.Instance.Id)!;
            return new ScoredPrediction(item.Task, item.Instance, item.Prompt, record,
                SuperNiMetric.Score(record.Prediction, item.Instance.References, config.TextMode));
        }).ToList();
        return config.JudgeEndpoint() is { } judge
            ? await JudgeAsync(config, judge, models, index, fingerprint, scored, journal, progress, cancellationToken)
            : scored;
    }

    private async Task<IReadOnlyList<ScoredPrediction>> JudgeAsync(EvaluationConfig config, EndpointSpec judge,
        IReadOnlyList<ModelSpec> models, int index, string modelFingerprint, List<ScoredPrediction> scored,
        PredictionJournal journal, IProgress<EvaluationProgress>? progress, CancellationToken cancellationToken)
    {
        var key = "judge/" + models[index].Name;
        var fingerprint = PredictionFingerprint.OfJudge(judge, modelFingerprint);
        var prompts = scored.Select(item => new PendingPrompt(item.Instance.Id, JudgePrompt.Render(
            item.Task.Instruction, item.Instance.Input, item.Instance.References[0], item.Record.Prediction))).ToList();
        await JournaledAnswers.FillAsync(journal, key, fingerprint, prompts,
            () => new EndpointAnswerer(EndpointClient(judge), JudgePrompt.MaxAnswerTokens, config.Concurrency),
            (done, cached) => progress?.Report(new EvaluationProgress(
                models[index].Name, index + 1, models.Count, done, scored.Count, cached, "judge")),
            cancellationToken);
        return scored.Select(item => item with
        {
            JudgeLevel = JudgePrompt.Level(journal.Find(key, fingerprint, item.Instance.Id)!.Prediction),
        }).ToList();
    }

    private IAnswerer CreateAnswerer(ModelSpec model, EvaluationConfig config, PromptStyle style) =>
        model.Checkpoint is { } folder
        ? new CheckpointAnswerer(folder, config.Device, config.Dtype, config.MaxNewTokens, config.BatchSize,
            chat: style == PromptStyle.Chat)
        : new EndpointAnswerer(EndpointClient(model.Endpoint!), config.MaxNewTokens, config.Concurrency);

    private IChatClient EndpointClient(EndpointSpec endpoint) =>
        endpointClients is null
            ? throw new InvalidOperationException($"endpoint {endpoint} cannot be reached: no endpoint client factory")
            : endpointClients(endpoint);

    private static EvaluationResults Build(EvaluationConfig config, EvaluationSet set, PromptStyle style,
        string reason, IReadOnlyList<ModelSpec> models, List<IReadOnlyList<ScoredPrediction>> scored)
    {
        var results = models.Select((model, index) => ResultsBuilder.Model(model.Name, model.Describe(),
            model.Checkpoint is { } folder && PromptFormatFile.Read(folder) is { } kind
                ? PromptFormatFile.Name(kind)
                : null,
            scored[index])).ToList();
        var comparisons = Enumerable.Range(1, models.Count - 1)
            .Select(index => ResultsBuilder.Compare(results[0], scored[0], results[index], scored[index], config))
            .ToList();
        return new EvaluationResults(
            EvaluationResults.CurrentSchemaVersion,
            config,
            new SetSummary(set.Kind, set.Source, set.Tasks.Count, set.InstanceCount, set.MissingTasks),
            style,
            reason,
            new DecodingSettings("greedy", config.MaxNewTokens, config.BatchSize),
            results,
            comparisons);
    }
}
