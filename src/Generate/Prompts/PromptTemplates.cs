using System.Reflection;

namespace SelfInstruct.Generate.Prompts;

/// <summary>
/// The prompt templates: the paper's four steps and the Alpaca style's one. Each is embedded in this assembly
/// (src/Generate/Templates) and may be replaced by a file of the same name in a folder the user gives.
/// </summary>
public sealed record PromptTemplates(
    PromptTemplate InstructionGeneration,
    PromptTemplate ClassificationIdentification,
    PromptTemplate InstancesInputFirst,
    PromptTemplate InstancesOutputFirst,
    PromptTemplate AlpacaTasks)
{
    /// <summary>Placeholders of the instruction generation template: the numbered list and the next number.</summary>
    public static readonly string[] InstructionGenerationPlaceholders = ["instructions", "next_number"];

    /// <summary>Placeholders of the other three templates: the task's instruction.</summary>
    public static readonly string[] InstructionPlaceholders = ["instruction"];

    /// <summary>Placeholders of the Alpaca style's template: the examples, their count, how many to write, and the
    /// first new task's number.</summary>
    public static readonly string[] AlpacaPlaceholders = ["example_count", "count", "examples", "next_number"];

    private static readonly (string Name, string[] Placeholders)[] _templates =
    [
        ("instruction-generation", InstructionGenerationPlaceholders),
        ("classification-identification", InstructionPlaceholders),
        ("instances-input-first", InstructionPlaceholders),
        ("instances-output-first", InstructionPlaceholders),
        ("alpaca-tasks", AlpacaPlaceholders),
    ];

    /// <summary>The four steps' templates' names and versions, such as <c>instruction-generation@1,...</c>.</summary>
    public string Version => string.Join(',',
        new[] { InstructionGeneration, ClassificationIdentification, InstancesInputFirst, InstancesOutputFirst }
            .Select(template => $"{template.Name}@{template.Version}"));

    /// <summary>The names and versions of the templates a run in <paramref name="style"/> uses.</summary>
    public string VersionFor(GenerationStyle style) =>
        style == GenerationStyle.Alpaca ? $"{AlpacaTasks.Name}@{AlpacaTasks.Version}" : Version;

    /// <summary>The template names, which are also their file names without <c>.txt</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = _templates.Select(template => template.Name).ToList();

    /// <summary>
    /// The embedded templates, each replaced by <c>NAME.txt</c> from <paramref name="overrideDirectory"/> when that
    /// folder holds one.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The override folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A template lacks its version line or a placeholder it needs.</exception>
    public static async Task<PromptTemplates> LoadAsync(string? overrideDirectory, CancellationToken cancellationToken)
    {
        if (overrideDirectory is not null && !Directory.Exists(overrideDirectory))
        {
            throw new DirectoryNotFoundException($"{overrideDirectory}: no such templates folder");
        }
        var loaded = new List<PromptTemplate>();
        foreach (var (name, placeholders) in _templates)
        {
            var template = await LoadOneAsync(name, overrideDirectory, cancellationToken);
            var missing = placeholders.Except(template.Placeholders, StringComparer.Ordinal).ToList();
            var unknown = template.Placeholders.Except(placeholders, StringComparer.Ordinal).ToList();
            if (missing.Count > 0 || unknown.Count > 0)
            {
                throw new InvalidDataException(
                    $"template '{name}' must use exactly {Braced(placeholders)}; missing: {Braced(missing)}, " +
                    $"unknown: {Braced(unknown)}");
            }
            loaded.Add(template);
        }
        return new PromptTemplates(loaded[0], loaded[1], loaded[2], loaded[3], loaded[4]);
    }

    private static string Braced(IEnumerable<string> keys)
    {
        var braced = string.Join(", ", keys.Select(key => $"{{{{{key}}}}}"));
        return braced.Length == 0 ? "none" : braced;
    }

    private static async Task<PromptTemplate> LoadOneAsync(
        string name, string? overrideDirectory, CancellationToken cancellationToken)
    {
        var fileName = name + ".txt";
        if (overrideDirectory is not null && File.Exists(Path.Combine(overrideDirectory, fileName)))
        {
            var path = Path.Combine(overrideDirectory, fileName);
            return PromptTemplate.Parse(name, await File.ReadAllTextAsync(path, cancellationToken), path);
        }
        var resource = $"SelfInstruct.Generate.Templates.{fileName}";
        await using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded template {resource} is missing from the assembly");
        using var reader = new StreamReader(stream);
        return PromptTemplate.Parse(name, await reader.ReadToEndAsync(cancellationToken), resource);
    }
}
