using SelfInstruct.Core.Configuration;
using SelfInstruct.Evaluate.Configuration;
using SelfInstruct.Finetune.Configuration;
using SelfInstruct.Finetune.Training;
using SelfInstruct.Generate.Configuration;

namespace SelfInstruct.Cli.Pipeline;

/// <summary>
/// A pipeline config made concrete: the folder of every stage and each stage's settings with the pipeline's
/// connections filled in (generator, fine-tuned base, data, compared models).
/// </summary>
public sealed record PipelinePlan
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
        Data = DatasetFile,
        Output = FinetuneFolder,
        SeedsPath = Path.GetFullPath(Config.Seeds),
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
        var problems = plan.Problems();
        return problems.Count == 0 ? plan : throw new ConfigException(source, problems);
    }

    private List<string> Problems()
    {
        var problems = new List<string>();
        if (!File.Exists(Config.Seeds))
        {
            problems.Add($"seeds: {Config.Seeds} does not exist");
        }
        if (Config.BaseModel.Checkpoint is { } checkpoint && !Directory.Exists(checkpoint))
        {
            problems.Add($"base_model.checkpoint: {checkpoint} does not exist");
        }
        if (Config.BaseModel.ContextLength is <= 1)
        {
            problems.Add($"base_model.context_length must be at least 2, found {Config.BaseModel.ContextLength}");
        }
        if (Config.BaseModel.VocabSize is < 257)
        {
            problems.Add($"base_model.vocab_size must be at least 257 (the bytes and end-of-text), found " +
                $"{Config.BaseModel.VocabSize}");
        }
        if (Config.Warmup.ListExamples < 0)
        {
            problems.Add($"warmup.list_examples must not be negative, found {Config.Warmup.ListExamples}");
        }
        if (Config.Warmup.Enabled)
        {
            problems.AddRange(Warmup.Problems().Select(problem => $"warmup.training: {problem}"));
        }
        if (Config.Generate.Model == PipelineModel.Name && Config.Generate.Backend != GenerationBackend.Local)
        {
            problems.Add($"generate.model: \"{PipelineModel.Name}\" (the pipeline's model) needs backend local");
        }
        problems.AddRange(Checked("generate", () => Generate.Validate("generate")));
        if (Config.Finetune.Data.Length > 0 || Config.Finetune.Output.Length > 0)
        {
            problems.Add("finetune: data and output are the pipeline's (generate/dataset.parquet and finetune/); " +
                "remove them from the section");
        }
        problems.AddRange(Finetune.Problems().Select(problem => $"finetune: {problem}"));
        if (Config.Evaluate.Models.Count > 0)
        {
            problems.Add($"evaluate.models: the pipeline compares {BaseName} with {TunedName}; remove the list");
        }
        // The checkpoints compared do not exist before the run; an existing folder stands in for them here so the
        // rest of the section is checked now.
        var standIn = Config.Evaluate with { Models = [$"{BaseName}=.", $"{TunedName}=."] };
        problems.AddRange(Checked("evaluate", () => standIn.Validate("evaluate")));
        return problems;
    }

    private static IEnumerable<string> Checked(string section, Action validate)
    {
        try
        {
            validate();
            return [];
        }
        catch (ConfigException exception)
        {
            return exception.Problems.Select(problem => $"{section}: {problem}");
        }
    }
}
