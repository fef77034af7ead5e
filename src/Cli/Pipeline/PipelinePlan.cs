using SelfInstruct.Evaluate.Configuration;
using SelfInstruct.Evaluate.Decontamination;
using SelfInstruct.Finetune.Configuration;
using SelfInstruct.Finetune.Training;
using SelfInstruct.Generate.Configuration;

namespace SelfInstruct.Cli.Pipeline;

/// <summary>
/// A pipeline config made concrete: the folder of every stage and each stage's settings with the pipeline's
/// connections filled in (generator, fine-tuned base, data, compared models).
/// </summary>
public sealed record PipelinePlan : IConfigRecord
{
    /// <summary>The evaluation name of the model before tuning.</summary>
    public const string BaseName = "base";

    /// <summary>The evaluation name of the tuned model.</summary>
    public const string TunedName = "tuned";

    private PipelinePlan(PipelineConfig config)
    {
        Config = config;
        Output = Path.GetFullPath(config.Output);
        BaseFolder = config.BaseModel.Checkpoint is { } checkpoint
            ? Path.GetFullPath(checkpoint)
            : Path.Combine(Output, "base");
        WarmupFolder = Path.Combine(Output, "warmup");
        ModelFolder = config.Warmup.Enabled
            ? Path.Combine(WarmupFolder, FinetuneRun.FinalFolderName)
            : BaseFolder;
        GenerateFolder = Path.Combine(Output, "generate");
        DecontaminateFolder = Path.Combine(Output, "decontaminate");
        FinetuneFolder = Path.Combine(Output, "finetune");
        EvaluateFolder = Path.Combine(Output, "evaluate");
    }

    /// <summary>The config as given.</summary>
    public PipelineConfig Config { get; }

    /// <summary>The pipeline's output folder.</summary>
    public string Output { get; }

    /// <summary>The starting checkpoint: the user's, or <c>base/</c> made from scratch.</summary>
    public string BaseFolder { get; }

    /// <summary>Whether the pipeline makes the base model itself.</summary>
    public bool MakesBase => Config.BaseModel.Checkpoint is null;

    /// <summary>The warm-up run's folder.</summary>
    public string WarmupFolder { get; }

    /// <summary>The pipeline's model: the warmed-up checkpoint, or the base when there is no warm-up.</summary>
    public string ModelFolder { get; }

    /// <summary>The generate stage's folder.</summary>
    public string GenerateFolder { get; }

    /// <summary>The decontaminate step's folder.</summary>
    public string DecontaminateFolder { get; }

    /// <summary>The finetune stage's folder.</summary>
    public string FinetuneFolder { get; }

    /// <summary>The checkpoint the finetune stage tunes: the pipeline's model unless the section names one.</summary>
    public string UntunedFolder => Config.Finetune.BaseModel is "" or PipelineModel.Name
        ? ModelFolder
        : Path.GetFullPath(Config.Finetune.BaseModel);

    /// <summary>The tuned checkpoint.</summary>
    public string TunedFolder => Path.Combine(FinetuneFolder, FinetuneRun.FinalFolderName);

    /// <summary>The evaluate stage's folder, which also holds the report.</summary>
    public string EvaluateFolder { get; }

    /// <summary>The generated dataset the finetune stage trains on.</summary>
    public string DatasetFile => Path.Combine(GenerateFolder, "dataset.parquet");

    /// <summary>What the finetune stage trains on: the generated dataset, or in drop mode the cleaned copy.</summary>
    public string TrainingDataFile => Config.Decontaminate == DecontaminationMode.Drop
        ? Path.Combine(DecontaminateFolder, "dataset.parquet")
        : DatasetFile;

    /// <summary>The seed tasks the finetune stage includes: the pool, or in drop mode the cleaned copy.</summary>
    public string TrainingSeedsFile => Config.Decontaminate == DecontaminationMode.Drop && Config.Finetune.IncludeSeeds
        ? Path.Combine(DecontaminateFolder, "seeds.parquet")
        : Path.GetFullPath(Config.Seeds);

    /// <summary>The decontaminate step's thresholds: the defaults, in the evaluation's text mode.</summary>
    public DecontaminationSettings Decontamination => new() { TextMode = Config.Evaluate.TextMode };

    /// <summary>The evaluation set as the config names it.</summary>
    public string EvaluationSetName => Config.Evaluate.SuperNi ?? Config.Evaluate.UserOriented
        ?? Config.Evaluate.Dataset ?? "";

    /// <summary>The warm-up's training settings.</summary>
    public FinetuneConfig Warmup => Config.Warmup.Training with
    {
        BaseModel = BaseFolder,
        Data = Path.GetFullPath(Config.Seeds),
        Output = WarmupFolder,
    };

    /// <summary>The generate stage's settings; model "base" becomes the pipeline's model.</summary>
    public GenerationConfig Generate => Config.Generate.Model == PipelineModel.Name
        ? Config.Generate with { Model = ModelFolder }
        : Config.Generate;

    /// <summary>The finetune stage's settings.</summary>
    public FinetuneConfig Finetune => Config.Finetune with
    {
        BaseModel = UntunedFolder,
        Data = TrainingDataFile,
        Output = FinetuneFolder,
        SeedsPath = TrainingSeedsFile,
    };

    /// <summary>The evaluate stage's settings: the model before tuning against the tuned one.</summary>
    public EvaluationConfig Evaluate => Config.Evaluate with
    {
        Models = [$"{BaseName}={UntunedFolder}", $"{TunedName}={TunedFolder}"],
    };

    /// <summary>The plan of <paramref name="config"/>, checked: every problem of every section at once.</summary>
    /// <exception cref="ConfigException">At least one setting cannot run.</exception>
    public static PipelinePlan From(PipelineConfig config, string source)
    {
        ArgumentNullException.ThrowIfNull(config);
        var plan = new PipelinePlan(config);
        plan.Validate(source);
        return plan;
    }

    /// <summary>Every problem of every section, each named by its key path (<c>finetune.epochs</c>).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new ConfigProblems();
        problems.Check(File.Exists(Config.Seeds), $"seeds: {Config.Seeds} does not exist");
        problems.Check(Config.Templates is null || Directory.Exists(Config.Templates),
            $"templates: {Config.Templates} is not a folder");
        problems.Nested("base_model.", Config.BaseModel.Problems());
        problems.Nested("warmup.", Config.Warmup.Problems());
        if (Config.Warmup.Enabled)
        {
            problems.Nested("warmup.training.", Warmup.Problems());
        }
        problems.Check(Config.Generate.Model != PipelineModel.Name || Config.Generate.Backend == GenerationBackend.Local,
            $"generate.model: \"{PipelineModel.Name}\" (the pipeline's model) needs backend local");
        problems.Check(Config.Generate.Output is null && Config.Generate.Templates is null &&
            Config.Generate.Seeds == new GenerationConfig().Seeds,
            "generate: output, seeds and templates are the pipeline's (generate/, the top-level seeds and " +
            "templates); remove them from the section");
        problems.Nested("generate.", Generate.Problems());
        problems.Check(Config.Finetune.Data.Length == 0 && Config.Finetune.Output.Length == 0,
            "finetune: data and output are the pipeline's (generate/dataset.parquet and finetune/); remove them " +
            "from the section");
        problems.Nested("finetune.", Finetune.Problems());
        problems.Check(Config.Evaluate.Output is null,
            "evaluate.output: the pipeline's (evaluate/); remove it from the section");
        problems.Check(Config.Evaluate.Models.Count == 0,
            $"evaluate.models: the pipeline compares {BaseName} with {TunedName}; remove the list");
        // The checkpoints compared do not exist before the run; an existing folder stands in for them here so the
        // rest of the section is checked now.
        problems.Nested("evaluate.", (Config.Evaluate with { Models = [$"{BaseName}=.", $"{TunedName}=."] }).Problems());
        return problems.List;
    }
}
