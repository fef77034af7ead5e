using SelfInstruct.Evaluate.Configuration;
using SelfInstruct.Finetune.Configuration;
using SelfInstruct.Generate.Configuration;

namespace SelfInstruct.Cli.Pipeline;

/// <summary>
/// Reads a pipeline config: one JSON object whose sections are read by their own stage's rules (snake_case keys,
/// unknown keys refused), every problem of every section reported at once. Paths are relative to the folder the
/// command runs in. The embedded default is <c>configs/demo.json</c>.
/// </summary>
public static class PipelineConfigFile
{
    private const string DemoResource = "SelfInstruct.Cli.demo.json";

    private static readonly JsonSerializerOptions _options =
        JsonConfigFile.CreateOptions(JsonNamingPolicy.KebabCaseLower);

    private static readonly JsonDocumentOptions _document = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly string[] _sections =
        ["output", "seeds", "templates", "base_model", "warmup", "generate", "decontaminate", "finetune", "evaluate"];

    /// <summary>The config in <paramref name="path"/>, not yet checked against the disk (see PipelinePlan).</summary>
    /// <exception cref="ConfigException">Not JSON, an unknown key, or values of the wrong type, all listed.</exception>
    public static async Task<PipelineConfig> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such config file", path);
        }
        return Parse(await File.ReadAllTextAsync(path, cancellationToken), path);
    }

    /// <summary>The embedded demo, the same text as <c>configs/demo.json</c>.</summary>
    public static PipelineConfig ReadDemo()
    {
        using var stream = typeof(PipelineConfigFile).Assembly.GetManifestResourceStream(DemoResource)
            ?? throw new InvalidOperationException($"the build embeds no {DemoResource}");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "configs/demo.json (embedded)");
    }

    /// <summary>Reads the text of a pipeline config; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="ConfigException">Not JSON, an unknown key, or values of the wrong type, all listed.</exception>
    public static PipelineConfig Parse(string json, string source)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: _document) as JsonObject
                ?? throw new ConfigException(source, ["expected a JSON object"]);
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line ? $"{source}:{line + 1}" : source;
            throw new ConfigException($"{where}: {exception.Message}", exception);
        }
        var problems = root.Select(pair => pair.Key).Where(key => !_sections.Contains(key))
            .Select(key => $"{key}: not a section; expected one of {string.Join(", ", _sections)}").ToList();
        var defaults = new PipelineConfig();
        var config = new PipelineConfig
        {
            Output = Section(root, "output", defaults.Output, _options, problems),
            Seeds = Section(root, "seeds", defaults.Seeds, _options, problems),
            Templates = Section(root, "templates", defaults.Templates, _options, problems),
            BaseModel = Section(root, "base_model", defaults.BaseModel, _options, problems),
            Warmup = ReadWarmup(root, defaults.Warmup, problems),
            Generate = Section(root, "generate", defaults.Generate, GenerationConfigFile.Options, problems),
            Decontaminate = Section(root, "decontaminate", defaults.Decontaminate, _options, problems),
            Finetune = Section(root, "finetune", defaults.Finetune, FinetuneConfigFile.Options, problems),
            Evaluate = Section(root, "evaluate", defaults.Evaluate, EvaluationConfigFile.Options, problems),
        };
        return problems.Count == 0 ? config : throw new ConfigException(source, problems);
    }

    /// <summary>The config as JSON in the same layout, as the pipeline writes it next to its outputs.</summary>
    public static string ToJson(PipelineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var warmup = JsonSerializer.SerializeToNode(config.Warmup with { Training = new() }, _options)!.AsObject();
        warmup["training"] = JsonSerializer.SerializeToNode(config.Warmup.Training, FinetuneConfigFile.Options);
        var root = new JsonObject
        {
            ["output"] = config.Output,
            ["seeds"] = config.Seeds,
            ["templates"] = config.Templates,
            ["base_model"] = JsonSerializer.SerializeToNode(config.BaseModel, _options),
            ["warmup"] = warmup,
            ["generate"] = JsonSerializer.SerializeToNode(config.Generate, GenerationConfigFile.Options),
            ["decontaminate"] = JsonSerializer.SerializeToNode(config.Decontaminate, _options),
            ["finetune"] = JsonSerializer.SerializeToNode(config.Finetune, FinetuneConfigFile.Options),
            ["evaluate"] = JsonSerializer.SerializeToNode(config.Evaluate, EvaluationConfigFile.Options),
        };
        if (config.Templates is null)
        {
            // Absent means the embedded templates; the reader refuses an explicit null.
            root.Remove("templates");
        }
        return root.ToJsonString(_options) + "\n";
    }

    private static WarmupSettings ReadWarmup(JsonObject root, WarmupSettings defaults, List<string> problems)
    {
        if (root["warmup"] is not JsonObject warmup)
        {
            return Section(root, "warmup", defaults, _options, problems);
        }
        var training = Section(warmup, "training", defaults.Training, FinetuneConfigFile.Options, problems, "warmup.");
        var rest = new JsonObject(warmup.Where(pair => pair.Key != "training")
            .Select(pair => KeyValuePair.Create(pair.Key, pair.Value?.DeepClone())));
        var settings = Section(new JsonObject { ["warmup"] = rest }, "warmup", defaults, _options, problems);
        return settings with { Training = training };
    }

    private static T Section<T>(
        JsonObject root, string key, T fallback, JsonSerializerOptions options, List<string> problems,
        string prefix = "")
    {
        if (!root.TryGetPropertyValue(key, out var node))
        {
            return fallback;
        }
        try
        {
            return node.Deserialize<T>(options) ?? throw new JsonException("expected a value, found null");
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            problems.Add($"{prefix}{key}: {exception.Message}");
            return fallback;
        }
    }
}
