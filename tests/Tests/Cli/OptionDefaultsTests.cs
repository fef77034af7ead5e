using System.CommandLine;
using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using SelfInstruct.Cli;
using SelfInstruct.Cli.Commands;
using SelfInstruct.Cli.Serve;
using SelfInstruct.Evaluate;
using SelfInstruct.Finetune;
using SelfInstruct.Generate;
using SelfInstruct.Generate.Configuration;
using Spectre.Console;
using Xunit;

namespace SelfInstruct.Tests.Cli;

public sealed class OptionDefaultsTests
{
    private static readonly JsonSerializerOptions _enumNames = new()
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    [Fact]
    public void Every_bound_option_shows_the_default_of_its_config_record_property()
    {
        var checkedOptions = 0;

        checkedOptions += CheckTable(new GenerateOptions());
        checkedOptions += CheckTable(new FinetuneOptions());
        checkedOptions += CheckTable(new EvaluateOptions());
        checkedOptions += CheckTable(new ModelInitCommand(AnsiConsole.Console).Settings);
        checkedOptions += CheckTable(new DecontaminateCommand(AnsiConsole.Console).Settings);

        Assert.True(checkedOptions >= 40, $"expected the stages' options to be bound, found {checkedOptions}");
    }

    [Fact]
    public void Every_option_of_every_verb_that_shows_a_default_value_is_bound_to_a_setting()
    {
        var root = Root();
        var bound = Bound("selfinstruct generate", new GenerateOptions())
            .Concat(Bound("selfinstruct finetune", new FinetuneOptions()))
            .Concat(Bound("selfinstruct evaluate", new EvaluateOptions()))
            .Concat(Bound("selfinstruct model init", new ModelInitCommand(AnsiConsole.Console).Settings))
            .Concat(Bound("selfinstruct data decontaminate", new DecontaminateCommand(AnsiConsole.Console).Settings))
            .ToHashSet();

        var handWritten = Options(root, "selfinstruct")
            .Where(pair => DefaultIn(pair.Option.Description ?? "") is { } shown && !IsDescribed(shown))
            .Select(pair => $"{pair.Path} {pair.Option.Name}")
            .Where(option => !bound.Contains(option))
            .ToList();

        Assert.Empty(handWritten);
        Assert.Contains("selfinstruct model init --vocab-size", bound);
    }

    [Fact]
    public void Defaults_that_the_parser_supplies_come_from_the_records()
    {
        var serve = new ServeOptions(ModelName: "");
        var root = Root();

        var threshold = root.Parse(["filter", "candidates.txt"]).GetValue<double>("--threshold");
        var serveParse = root.Parse(["serve", "--model", "folder"]);

        Assert.Equal(new GenerationConfig().SimilarityThreshold, threshold);
        Assert.Equal(serve.Host, serveParse.GetValue<string>("--host"));
        Assert.Equal(serve.Port, serveParse.GetValue<int>("--port"));
        Assert.Equal(serve.MaxQueuedRequests, serveParse.GetValue<int>("--max-queue"));
    }

    private static int CheckTable<TConfig>(ConfigOptions<TConfig> table)
        where TConfig : class, IConfigRecord, new()
    {
        var defaults = new TConfig();
        foreach (var binding in table.Bindings)
        {
            var property = typeof(TConfig).GetProperties().SingleOrDefault(candidate => KeyOf(candidate) ==
                binding.JsonKey);
            Assert.True(property is not null, $"{binding.Option.Name}: no {typeof(TConfig).Name} key {binding.JsonKey}");
            var expected = Written(property!.GetValue(defaults));
            var shown = DefaultIn(binding.Option.Description ?? "");
            if (expected is null)
            {
                Assert.True(shown is null || IsDescribed(shown),
                    $"{binding.Option.Name}: the record leaves it unset, the help says [default: {shown}]");
            }
            else if (property.PropertyType != typeof(bool))
            {
                Assert.Equal($"{binding.Option.Name} {expected}", $"{binding.Option.Name} {shown}");
            }
        }
        return table.Bindings.Count;
    }

    // Written independently of the option table: System.Text.Json's names for enums, invariant numbers.
    private static string? Written(object? value) => value switch
    {
        null => null,
        string { Length: 0 } => null,
        string text => text,
        Enum => JsonSerializer.Serialize(value, value.GetType(), _enumNames).Trim('"'),
        IEnumerable<string> list => list.Any() ? string.Join(' ', list) : null,
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string KeyOf(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
        ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);

    private static string? DefaultIn(string description)
    {
        var start = description.LastIndexOf("[default: ", StringComparison.Ordinal);
        return start < 0 ? null : description[(start + "[default: ".Length)..].TrimEnd(']', '.', ' ');
    }

    // "no limit", "the model's context length": words for what an unset setting means, never a value.
    private static bool IsDescribed(string shown) =>
        !double.TryParse(shown, NumberStyles.Float, CultureInfo.InvariantCulture, out _) &&
        shown.Contains(' ', StringComparison.Ordinal);

    private static RootCommand Root() => Program.CreateRootCommand(AnsiConsole.Create(new AnsiConsoleSettings()),
        TextReader.Null, TextWriter.Null, TextWriter.Null, NullLoggerFactory.Instance);

    private static IEnumerable<string> Bound<TConfig>(string path, ConfigOptions<TConfig> table)
        where TConfig : class, IConfigRecord, new() =>
        table.Bindings.Select(binding => $"{path} {binding.Option.Name}");

    private static IEnumerable<(string Path, Option Option)> Options(Command command, string path)
    {
        foreach (var option in command.Options)
        {
            yield return (path, option);
        }
        foreach (var child in command.Subcommands.SelectMany(sub => Options(sub, $"{path} {sub.Name}")))
        {
            yield return child;
        }
    }
}
