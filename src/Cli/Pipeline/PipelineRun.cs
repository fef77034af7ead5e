using Microsoft.Extensions.Logging;
using SelfInstruct.Evaluate;
using SelfInstruct.Evaluate.Decontamination;
using SelfInstruct.Evaluate.Models;
using SelfInstruct.Evaluate.Runs;
using SelfInstruct.Finetune.Reports;
using SelfInstruct.Finetune.Training;
using SelfInstruct.Generate;
using SelfInstruct.Generate.Configuration;
using SelfInstruct.Generate.Prompts;
using SelfInstruct.Generate.Reports;
using SelfInstruct.Model;
using SelfInstruct.Model.Tokenization;
using Spectre.Console;

namespace SelfInstruct.Cli.Pipeline;

/// <summary>
/// Runs the whole loop in one folder: base model, warm-up, generate, the decontamination check, finetune, evaluate
/// (base against tuned) and the report. Each stage is skipped when it completed with the same inputs (see
/// <see cref="StageLedger"/>), resumed when it was interrupted, and run afresh, its old folder set aside, when its
/// inputs changed.
/// </summary>
public sealed class PipelineRun(
    IAnsiConsole console,
    Func<string, string?> environment,
    ILoggerFactory loggerFactory,
    bool plain)
{
    /// <summary>The resolved config's file name in the pipeline folder.</summary>
    public const string ConfigFileName = "pipeline.json";

    /// <summary>Runs every stage that needs to run and returns the figures of the whole run.</summary>
    public async Task<PipelineSummary> RunAsync(PipelinePlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Directory.CreateDirectory(plan.Output);
        await AtomicFile.WriteTextAsync(Path.Combine(plan.Output, ConfigFileName),
            PipelineConfigFile.ToJson(plan.Config), cancellationToken);
        var ledger = await StageLedger.LoadAsync(plan.Output, cancellationToken);
        var summary = await PipelineSummaryFile.ReadAsync(plan.Output, cancellationToken);
        var seeds = SeedsPart(plan.Config);
        var stages = new Stages(console, plan, ledger, summary);

        var model = plan.MakesBase
            ? await stages.RunAsync("base", Fingerprint.Of(Part("base"), Settings(plan.Config.BaseModel)),
                plan.BaseFolder, MakeBaseAsync, cancellationToken)
            : FingerprintPart.FolderListing(plan.BaseFolder);
        if (plan.Config.Warmup.Enabled)
        {
            model = await stages.RunAsync("warmup",
                Fingerprint.Of(Part("warmup"), model, seeds, Settings(plan.Config.Warmup)),
                plan.WarmupFolder, WarmupAsync, cancellationToken);
        }
        var generator = plan.Generate.Backend == GenerationBackend.Local ? model : Part("");
        var generated = await stages.RunAsync("generate",
            Fingerprint.Of(Part("generate"), generator, seeds, Settings(plan.Generate, GenerationConfigFile.Options)),
            plan.GenerateFolder, GenerateAsync, cancellationToken);
        var (trainingData, overlap) = await DecontaminateAsync(stages, plan, generated, cancellationToken);
        var untuned = plan.UntunedFolder == plan.ModelFolder
            ? model
            : FingerprintPart.FolderListing(plan.UntunedFolder);
        // Hand edits from `selfinstruct view` change what finetune trains on; without any, fingerprints stay as they were.
        var curation = CurationLog.PathBeside(plan.TrainingDataFile);
        FingerprintPart[] curated = File.Exists(curation) ? [FingerprintPart.FileContents(curation)] : [];
        var tuned = await stages.RunAsync("finetune",
            Fingerprint.Of([Part("finetune"), trainingData, untuned, Settings(plan.Finetune), .. curated]),
            plan.FinetuneFolder, FinetuneAsync, cancellationToken);
        FingerprintPart[] evaluated =
            [Part("evaluate"), untuned, tuned, Settings(plan.Evaluate), EvaluationSetPart(plan), .. overlap];
        await stages.RunAsync("evaluate", Fingerprint.Of(evaluated), plan.EvaluateFolder, EvaluateAsync,
            cancellationToken);
        return stages.Summary;
    }

    private async Task<PipelineSummary> MakeBaseAsync(
        PipelinePlan plan, bool resume, PipelineSummary summary, CancellationToken cancellationToken)
    {
        if (resume && Directory.Exists(plan.BaseFolder))
        {
            // The checkpoint is written under a temporary name and renamed: if the folder exists, it is whole.
            return summary;
        }
        var settings = plan.Config.BaseModel;
        var tokenizer = await CreateTokenizerAsync(plan, cancellationToken);
        var config = ModelPresets.Create(settings.Architecture, settings.Preset, tokenizer.VocabSize);
        config = settings.ContextLength is { } positions ? config with { MaxPositions = positions } : config;
        using var local = LocalModel.Create(config, tokenizer, settings.Seed);
        await local.SaveAsync(plan.BaseFolder, cancellationToken);
        console.MarkupLine($"A {Markup.Escape(settings.Preset.ToString().ToLowerInvariant())} " +
            $"{Markup.Escape(settings.Architecture.ToString().ToLowerInvariant())} model with random weights, " +
            $"context {config.MaxPositions.ToString(CultureInfo.InvariantCulture)}, " +
            $"{Markup.Escape(tokenizer.Description)}.");
        return summary;
    }

    private static async Task<ModelTokenizer> CreateTokenizerAsync(
        PipelinePlan plan, CancellationToken cancellationToken)
    {
        if (plan.Config.BaseModel.VocabSize is not { } vocabSize)
        {
            return ModelTokenizer.CreateByteLevel();
        }
        var seeds = await GenerationRun.ReadSeedsAsync(plan.Config.Seeds, cancellationToken);
        var templates = await PromptTemplates.LoadAsync(plan.Config.Templates, cancellationToken);
        var texts = seeds
            .SelectMany(seed => seed.Instances.SelectMany(instance => new[] { instance.Input, instance.Output })
                .Prepend(seed.Instruction))
            .Concat(new[]
            {
                templates.InstructionGeneration, templates.ClassificationIdentification,
                templates.InstancesInputFirst, templates.InstancesOutputFirst,
            }.Select(template => template.Text));
        return BpeTrainer.Train(texts, vocabSize);
    }

    private async Task<PipelineSummary> WarmupAsync(
        PipelinePlan plan, bool resume, PipelineSummary summary, CancellationToken cancellationToken)
    {
        var seeds = await GenerationRun.ReadSeedsAsync(plan.Config.Seeds, cancellationToken);
        var templates = await PromptTemplates.LoadAsync(plan.Config.Templates, cancellationToken);
        var config = plan.Warmup with { Resume = resume };
        var corpus = WarmupCorpus.Build(seeds, templates, plan.Generate.PromptInstructions,
            plan.Config.Warmup.ListExamples, new Random(config.Seed));
        console.MarkupLine($"Warm-up: teaching the model the generate stage's prompt formats on " +
            $"{corpus.Count.ToString("N0", CultureInfo.InvariantCulture)} examples made from the seed pool.");
        var result = await ProgressLoop.RunAsync(console, new FinetuneProgressView(), plain,
            progress => TrainingProcess.CreateRun(config).RunAsync(config, corpus, progress, cancellationToken));
        return summary with { WarmupFirstLoss = result.FirstLoss, WarmupLastLoss = result.LastLoss };
    }

    private async Task<PipelineSummary> GenerateAsync(
        PipelinePlan plan, bool resume, PipelineSummary summary, CancellationToken cancellationToken)
    {
        var config = plan.Generate with
        {
            Seeds = plan.Config.Seeds,
            Templates = plan.Config.Templates,
            Output = plan.GenerateFolder,
        };
        var run = new GenerationRun(environment, loggerFactory);
        var result = await ProgressLoop.RunAsync(console, new GenerationProgressView(), plain,
            progress => run.RunAsync(config, progress, cancellationToken));
        GenerationSummaryView.Render(console, result);
        var statistics = result.Statistics;
        var rejected = statistics.Rejections
            .Where(pair => pair.Key.StartsWith("instructions.", StringComparison.Ordinal))
            .Sum(pair => pair.Value);
        return summary with
        {
            InstructionsProposed = statistics.Instructions + rejected,
            InstructionsKept = statistics.Instructions,
            Instances = statistics.Instances,
        };
    }

    // The training data's part for the finetune stage (the cleaned copy's in drop mode), and the parts the evaluation
    // report's overlap section adds to the evaluate stage (none when the check is off, so its fingerprint is as
    // before the check existed).
    private async Task<(FingerprintPart TrainingData, FingerprintPart[] Overlap)> DecontaminateAsync(
        Stages stages, PipelinePlan plan, FingerprintPart generated, CancellationToken cancellationToken)
    {
        if (plan.Config.Decontaminate == DecontaminationMode.Off)
        {
            return (generated, []);
        }
        // Only the settings that change what is checked or written, so a new decoding setting reruns no training.
        var settings = Settings(new
        {
            plan.Config.Decontaminate,
            plan.Decontamination,
            plan.Config.Finetune.IncludeSeeds,
            plan.Evaluate.MaxInstancesPerTask,
            plan.Evaluate.HeldOutFraction,
        });
        var checkedData = await stages.RunAsync("decontaminate", Fingerprint.Of(Part("decontaminate"), generated,
                SeedsPart(plan.Config), EvaluationSetPart(plan), settings),
            plan.DecontaminateFolder, CheckAsync, cancellationToken);
        return (plan.Config.Decontaminate == DecontaminationMode.Drop ? checkedData : generated, [checkedData]);
    }

    private async Task<PipelineSummary> CheckAsync(
        PipelinePlan plan, bool resume, PipelineSummary summary, CancellationToken cancellationToken)
    {
        var report = await DecontaminationStep.RunAsync(plan, cancellationToken);
        var outcome = plan.Config.Decontaminate == DecontaminationMode.Drop ? "left out of" : "kept in";
        console.MarkupLine(Markup.Escape($"{report.FlaggedTasks} of {report.Tasks} training tasks overlap " +
            $"{plan.EvaluationSetName}, {outcome} training: {report.Markdown}"));
        return summary with { CheckedTasks = report.Tasks, OverlappingTasks = report.FlaggedTasks };
    }

    private async Task<PipelineSummary> FinetuneAsync(
        PipelinePlan plan, bool resume, PipelineSummary summary, CancellationToken cancellationToken)
    {
        var config = plan.Finetune with { Resume = resume };
        if (await CuratedDataset.DescribeBesideAsync(config.Data, cancellationToken) is { } curation)
        {
            console.MarkupLine($"{Markup.Escape(curation)}.");
        }
        var result = await ProgressLoop.RunAsync(console, new FinetuneProgressView(), plain,
            progress => TrainingProcess.CreateRun(config).RunAsync(config, progress, cancellationToken));
        console.Write(FinetuneProgressView.Summary(result));
        return summary with { FirstLoss = result.FirstLoss, LastLoss = result.LastLoss };
    }

    private async Task<PipelineSummary> EvaluateAsync(
        PipelinePlan plan, bool resume, PipelineSummary summary, CancellationToken cancellationToken)
    {
        var config = plan.Evaluate with { Output = plan.EvaluateFolder };
        if (plan.Config.Decontaminate != DecontaminationMode.Off)
        {
            // The report shows the overlap when the folder holds the check's results.
            Directory.CreateDirectory(plan.EvaluateFolder);
            File.Copy(Path.Combine(plan.DecontaminateFolder, DecontaminationFiles.JsonFileName),
                Path.Combine(plan.EvaluateFolder, DecontaminationFiles.JsonFileName), overwrite: true);
        }
        var run = new EvaluationRun(new EndpointClients(config, environment).Create);
        var result = await ProgressLoop.RunAsync(console, new EvaluationProgressView(), plain,
            progress => run.RunAsync(config, progress, cancellationToken));
        EvaluationSummaryView.Render(console, result.Results);
        var results = result.Results;
        var rouge = results.Models.ToDictionary(model => model.Name, model => model.Overall.RougeL);
        return summary with
        {
            BaseRougeL = rouge[PipelinePlan.BaseName],
            TunedRougeL = rouge[PipelinePlan.TunedName],
            Difference = results.Comparison(PipelinePlan.TunedName)?.RougeL,
        };
    }

    private static FingerprintPart EvaluationSetPart(PipelinePlan plan) => plan.Evaluate switch
    {
        { SuperNi: { } folder } => FingerprintPart.FolderListing(folder),
        { UserOriented: { } file } => FingerprintPart.FileContents(file),
        { Dataset: { } file } => FingerprintPart.FileContents(file),
        _ => Part(""),
    };

    // The prompt templates are the seeds' companions: every stage that reads one reads the other. Without a
    // templates folder the part is the seed file's alone, as before the folder could be given.
    private static FingerprintPart SeedsPart(PipelineConfig config)
    {
        var seeds = FingerprintPart.FileContents(config.Seeds);
        if (config.Templates is not { } folder)
        {
            return seeds;
        }
        var templates = Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal)
            .SelectMany(file => new[] { Part(Path.GetFileName(file)), FingerprintPart.FileContents(file) });
        return FingerprintPart.Upstream(Fingerprint.Of(templates.Prepend(seeds)));
    }

    private static FingerprintPart Part(string text) => FingerprintPart.Text(text);

    private static FingerprintPart Settings<T>(T settings, JsonSerializerOptions? options = null) =>
        FingerprintPart.Settings(settings, options);

    /// <summary>The stages of one run: the ledger's decisions, the headings, the summary kept current.</summary>
    private sealed class Stages(
        IAnsiConsole console, PipelinePlan plan, StageLedger ledger, PipelineSummary summary)
    {
        public PipelineSummary Summary { get; private set; } = summary;

        /// <summary>Runs, resumes, replaces or skips a stage; returns its fingerprint for the later stages.</summary>
        public async Task<FingerprintPart> RunAsync(
            string name,
            string fingerprint,
            string folder,
            Func<PipelinePlan, bool, PipelineSummary, CancellationToken, Task<PipelineSummary>> stage,
            CancellationToken cancellationToken)
        {
            var action = ledger.Decide(name, fingerprint);
            if (action == StageAction.Skip && Directory.Exists(folder))
            {
                console.MarkupLine($"[grey]{name}: complete with the same inputs, skipped[/]");
                return FingerprintPart.Upstream(fingerprint);
            }
            console.Write(new Rule($"[bold]{name}[/]").LeftJustified());
            if (action == StageAction.Replace && Directory.Exists(folder))
            {
                var aside = $"{folder}.replaced-{DateTime.UtcNow:yyyyMMdd-HHmmss}";
                Directory.Move(folder, aside);
                console.MarkupLine($"Its inputs changed since the last run; the old outputs are kept in " +
                    $"[bold]{Markup.Escape(aside)}[/].");
            }
            await ledger.StartAsync(name, fingerprint, cancellationToken);
            Summary = await stage(plan, action == StageAction.Resume, Summary, cancellationToken);
            await PipelineSummaryFile.WriteAsync(plan.Output, Summary, cancellationToken);
            await ledger.CompleteAsync(name, fingerprint, cancellationToken);
            return FingerprintPart.Upstream(fingerprint);
        }
    }
}
