using SelfInstruct.Model;

namespace SelfInstruct.Evaluate.Configuration;

/// <summary>
/// Every setting of one evaluation: the models, the set, the prompt, decoding and the statistics. Defaults live here;
/// a JSON file (snake_case keys) overlays them and command-line options overlay that. The resolved config is written
/// into results.json.
/// </summary>
public sealed partial record EvaluationConfig : IConfigRecord
{
    /// <summary>The output folder the run writes and resumes in; a run needs one.</summary>
    public string? Output { get; init; }

    /// <summary>Models under test as <c>NAME=SPEC</c>; the first is the baseline of every comparison.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>A folder of SuperNI task files (flat, official <c>tasks/</c>, or <c>sample_tasks/</c>).</summary>
    [JsonPropertyName("superni")]
    public string? SuperNi { get; init; }

    /// <summary>Self-Instruct's user-oriented instructions (JSON Lines).</summary>
    public string? UserOriented { get; init; }

    /// <summary>A dataset file of ours (.parquet, .jsonl, .json) whose held-out tasks are evaluated.</summary>
    public string? Dataset { get; init; }

    /// <summary>
    /// The share of a dataset's tasks held out, 0..1: a task is held out when a stable hash of its task id falls in
    /// that share (the same tasks on every run and machine). 1 evaluates the whole file.
    /// </summary>
    public double HeldOutFraction { get; init; } = 0.1;

    /// <summary>At most this many instances per task, the first in file order (the official evaluation: 100).
    /// </summary>
    public int MaxInstancesPerTask { get; init; } = 100;

    /// <summary>How instances become prompts; see <see cref="PromptStyle.Auto"/>.</summary>
    public PromptStyle Prompt { get; init; } = PromptStyle.Auto;

    /// <summary>Demonstrations from a SuperNI task's positive examples in the SuperNI prompt (0 = zero-shot).</summary>
    public int PositiveExamples { get; init; }

    /// <summary>Greedy decoding stops after this many new tokens, or at the end-of-sequence token.</summary>
    public int MaxNewTokens { get; init; } = 128;

    /// <summary>Prompts generated together by an in-process checkpoint.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Where checkpoints run: <c>cpu</c>, or <c>cuda</c> / <c>cuda:N</c> with a CUDA build.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>The dtype checkpoints are loaded and run in, whatever they are stored in.</summary>
    public ComputeDtype Dtype { get; init; } = ComputeDtype.Fp32;

    /// <summary>Requests in flight to one endpoint.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>The environment variable holding the endpoint API key; the key itself is never written.</summary>
    public string ApiKeyEnvironmentVariable { get; init; } = "OPENAI_API_KEY";

    /// <summary>An endpoint (<c>openai:MODEL@URL</c>) that rates each response A..D, or null for no judge.</summary>
    public string? Judge { get; init; }

    /// <summary>Paired bootstrap resamples of the instances.</summary>
    public int BootstrapResamples { get; init; } = 1000;

    /// <summary>Seed of the bootstrap's random draws.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>A task is a tie when its ROUGE-L (×100) differs by at most this many points.</summary>
    public double TieTolerance { get; init; } = 1.0;

    /// <summary>
    /// How predictions and references are compared: english, SuperNI's metric exactly, or unicode, for references in
    /// any language (exact match without punctuation or symbols of any script, unstemmed ROUGE-L over
    /// <see cref="UnicodeRougeTokenizer"/> tokens).
    /// </summary>
    public TextMode TextMode { get; init; } = TextMode.English;

    /// <summary>The models parsed; call after validation.</summary>
    public IReadOnlyList<ModelSpec> ModelSpecs() =>
        Models.Select(text => ModelSpec.TryParse(text, out _)
            ?? throw new InvalidOperationException($"model '{text}' is invalid; validate the config first")).ToList();

    /// <summary>The judge endpoint parsed, or null; call after validation.</summary>
    public EndpointSpec? JudgeEndpoint() => Judge is null ? null : EndpointSpec.TryParse(Judge, out _);

    /// <inheritdoc />
    public IReadOnlyList<string> Problems()
    {
        var problems = new ConfigProblems();
        CheckModels(problems);
        CheckSet(problems);
        problems.InRange("held_out_fraction", HeldOutFraction, 0, 1, lowExclusive: true);
        problems.Positive("max_instances_per_task", MaxInstancesPerTask);
        problems.AtLeast("positive_examples", PositiveExamples, 0);
        problems.Positive("max_new_tokens", MaxNewTokens);
        problems.Positive("batch_size", BatchSize);
        problems.Positive("concurrency", Concurrency);
        problems.AtLeast("bootstrap_resamples", BootstrapResamples, 100);
        problems.InRange("tie_tolerance", TieTolerance, 0, 100);
        problems.Check(Enum.IsDefined(Prompt),
            $"prompt must be one of {string.Join(", ", EnumNames.All<PromptStyle>())}, found {Prompt}");
        problems.Check(DevicePattern().IsMatch(Device), $"device must be cpu, cuda or cuda:N, found '{Device}'");
        problems.Check(Enum.IsDefined(Dtype),
            $"dtype must be one of {string.Join(", ", EnumNames.All<ComputeDtype>())}, found {Dtype}");
        problems.Required("api_key_environment_variable", ApiKeyEnvironmentVariable, "a variable");
        problems.Check(
            Judge is null || (EndpointSpec.IsEndpoint(Judge) && EndpointSpec.TryParse(Judge, out _) is not null),
            $"judge must be openai:MODEL@URL, found '{Judge}'");
        return problems.List;
    }

    private void CheckModels(ConfigProblems problems)
    {
        problems.Check(Models.Count > 0, "models: expected at least one NAME=SPEC (--model), found none");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in Models)
        {
            var model = ModelSpec.TryParse(text, out var problem);
            if (model is null)
            {
                problems.Check(false, $"models: {problem}");
            }
            else if (!names.Add(model.Name))
            {
                problems.Check(false, $"models: the name '{model.Name}' is used twice; every model needs its own name");
            }
            else if (model.Checkpoint is { } folder && !Directory.Exists(folder))
            {
                problems.Check(false, $"models: '{model.Name}': checkpoint folder {folder} does not exist");
            }
        }
    }

    private void CheckSet(ConfigProblems problems)
    {
        var given = new[] { SuperNi, UserOriented, Dataset }.Count(path => path is not null);
        problems.Check(given == 1, "superni, user_oriented, dataset: expected exactly one evaluation set " +
            $"(--superni, --user-oriented or --dataset), found {given}");
        problems.Check(SuperNi is null || Directory.Exists(SuperNi), $"superni: folder {SuperNi} does not exist");
        foreach (var (key, path) in new[] { ("user_oriented", UserOriented), ("dataset", Dataset) })
        {
            problems.Check(path is null || File.Exists(path), $"{key}: file {path} does not exist");
        }
    }

    [GeneratedRegex("^(cpu|cuda(:[0-9]+)?)$")]
    private static partial Regex DevicePattern();
}
