using System.CommandLine;
using System.Linq.Expressions;
using System.Reflection;

namespace SelfInstruct.Core.Configuration;

/// <summary>
/// The command-line options of one settings record, each declared once: name, help text and the property it sets.
/// The JSON key comes from the property and the <c>[default: ...]</c> in the help from a new record, so neither can
/// drift. <see cref="ResolveAsync"/> applies the precedence every stage shares: the record's defaults, then the
/// <c>--config</c> file, then the options given, validated with every problem at once. A stage declares its table
/// in a subclass's constructor.
/// </summary>
/// <typeparam name="TConfig">The settings record.</typeparam>
public class ConfigOptions<TConfig>
    where TConfig : class, IConfigRecord, new()
{
    private readonly TConfig _defaults = new();
    private readonly List<ConfigOption<TConfig>> _bindings = [];
    private readonly string _what;
    private readonly JsonSerializerOptions? _fileOptions;

    /// <summary>Options for settings that are not read from a file, named <paramref name="what"/> in messages.
    /// </summary>
    public ConfigOptions(string what)
    {
        _what = what;
    }

    /// <summary>
    /// Options for settings named <paramref name="what"/> in messages (such as "generation settings"), with a
    /// <c>--config FILE</c> option described by <paramref name="fileDescription"/> whose JSON is read with
    /// <paramref name="fileOptions"/>.
    /// </summary>
    public ConfigOptions(string what, string fileDescription, JsonSerializerOptions fileOptions)
    {
        _what = what;
        _fileOptions = fileOptions;
        File = new Option<FileInfo?>("--config") { HelpName = "FILE", Description = fileDescription };
    }

    /// <summary>The <c>--config FILE</c> option, or null when the settings are not read from a file.</summary>
    public Option<FileInfo?>? File { get; }

    /// <summary>Every option bound to a setting, in declaration order.</summary>
    public IReadOnlyList<ConfigOption<TConfig>> Bindings => _bindings;

    /// <summary><c>--config</c> (when there is one), then every bound option.</summary>
    public IEnumerable<Option> All =>
        File is null ? Bindings.Select(binding => binding.Option) : [File, .. Bindings.Select(b => b.Option)];

    /// <summary>A number (or other value type); an unset option keeps the record's value.</summary>
    public Option<T?> Value<T>(string name, string helpName, string description, Expression<Func<TConfig, T>> property)
        where T : struct =>
        Valued<T>(name, helpName, description, property, Format(property.Compile()(_defaults)));

    /// <summary>
    /// A number that may be unset in the record (no limit, the model's own); the help names what unset means.
    /// </summary>
    public Option<T?> OptionalValue<T>(string name, string helpName, string description,
        Expression<Func<TConfig, T?>> property, string unsetDefault)
        where T : struct =>
        Valued<T>(name, helpName, description, property, Format(property.Compile()(_defaults)) ?? unsetDefault);

    /// <summary>A text, such as a model name or a URL.</summary>
    public Option<string?> Text(string name, string helpName, string description,
        Expression<Func<TConfig, string?>> property, string? unsetDefault = null) =>
        Texted(name, helpName, description, property, unsetDefault, value => value);

    /// <summary>A file or folder, stored as its full path (relative to the current folder).</summary>
    public Option<string?> FilePath(string name, string helpName, string description,
        Expression<Func<TConfig, string?>> property) =>
        Texted(name, helpName, description, property, null, Path.GetFullPath);

    /// <summary>A switch that turns a setting on; it never turns one off that the file turned on.</summary>
    public Option<bool> Flag(string name, string description, Expression<Func<TConfig, bool>> property)
    {
        var option = new Option<bool>(name);
        var set = Setter(property);
        Bind(option, description, property, null,
            (parse, config, _) => parse.GetValue(option) ? set(config, true) : config);
        return option;
    }

    /// <summary>One of an enum's values, by its <see cref="EnumNames"/> name; a bad name lists every allowed one.
    /// </summary>
    public Option<string?> Choice<T>(string name, string description, Expression<Func<TConfig, T>> property)
        where T : struct, Enum
    {
        var option = new Option<string?>(name) { HelpName = string.Join('|', EnumNames.All<T>()) };
        var read = property.Compile();
        var set = Setter(property);
        Bind(option, description, property, EnumNames.Name(read(_defaults)),
            (parse, config, problems) => parse.GetValue(option) is { } text
                ? set(config, EnumNames.Parse(text, name, read(config), problems))
                : config);
        return option;
    }

    /// <summary>A list of texts; given at all, it replaces the record's list.</summary>
    public Option<string[]?> List(string name, string helpName, string description,
        Expression<Func<TConfig, IReadOnlyList<string>>> property, bool repeatable = false)
    {
        var option = new Option<string[]?>(name) { HelpName = helpName, AllowMultipleArgumentsPerToken = !repeatable };
        var defaults = property.Compile()(_defaults);
        var set = Setter(property);
        Bind(option, description, property, defaults.Count == 0 ? null : string.Join(' ', defaults),
            (parse, config, _) => parse.GetValue(option) is { Length: > 0 } values ? set(config, values) : config);
        return option;
    }

    /// <summary>The bound options' values overlaid on <paramref name="config"/>; bad values become problems.</summary>
    public TConfig Apply(ParseResult parse, TConfig config, ConfigProblems problems) =>
        _bindings.Aggregate(config, (current, binding) => binding.Apply(parse, current, problems));

    /// <summary>
    /// The record's defaults, then the <c>--config</c> file, then the options given, then <see cref="Adjust"/>;
    /// every problem of the options and of the result is thrown at once.
    /// </summary>
    /// <exception cref="ConfigException">An option or the resulting settings have problems, all listed.</exception>
    public async Task<TConfig> ResolveAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var file = File is null ? null : parse.GetValue(File);
        if (file is null)
        {
            return Resolve(parse, new TConfig(), _what);
        }
        var (config, unknownKeys) = await JsonConfigFile.ReadCollectingUnknownKeysAsync<TConfig>(
            file.FullName, _fileOptions!, cancellationToken);
        return Resolve(parse, config, $"{file.FullName} with the command-line options", unknownKeys);
    }

    /// <summary>
    /// The options given overlaid on <paramref name="config"/>, then <see cref="Adjust"/>; every problem of the
    /// options and of the result, after <paramref name="earlierProblems"/> (such as a file's unknown keys), is thrown
    /// at once, naming <paramref name="source"/>.
    /// </summary>
    /// <exception cref="ConfigException">An option or the resulting settings have problems, all listed.</exception>
    public TConfig Resolve(
        ParseResult parse, TConfig config, string source, IReadOnlyList<string>? earlierProblems = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var problems = new ConfigProblems();
        foreach (var problem in earlierProblems ?? [])
        {
            problems.Check(false, problem);
        }
        config = Adjust(parse, Apply(parse, config, problems), problems);
        problems.Nested("", config.Problems());
        return problems.List.Count == 0 ? config : throw new ConfigException(source, problems.List);
    }

    /// <summary>
    /// Applied after the bound options, for options that set more than one setting; the record unchanged unless a
    /// subclass says otherwise.
    /// </summary>
    protected virtual TConfig Adjust(ParseResult parse, TConfig config, ConfigProblems problems) => config;

    private Option<T?> Valued<T>(string name, string helpName, string description, LambdaExpression property,
        string? defaultText)
        where T : struct
    {
        var option = new Option<T?>(name) { HelpName = helpName };
        var set = Setter(property);
        Bind(option, description, property, defaultText,
            (parse, config, _) => parse.GetValue(option) is { } value ? set(config, value) : config);
        return option;
    }

    private Option<string?> Texted(string name, string helpName, string description,
        Expression<Func<TConfig, string?>> property, string? unsetDefault, Func<string, string> convert)
    {
        var option = new Option<string?>(name) { HelpName = helpName };
        var set = Setter(property);
        Bind(option, description, property, Format(property.Compile()(_defaults)) ?? unsetDefault,
            (parse, config, _) => parse.GetValue(option) is { } value ? set(config, convert(value)) : config);
        return option;
    }

    private void Bind(Option option, string description, LambdaExpression property, string? defaultText,
        Func<ParseResult, TConfig, ConfigProblems, TConfig> apply)
    {
        option.Description = defaultText is null ? description : $"{description} [default: {defaultText}]";
        _bindings.Add(new ConfigOption<TConfig>(option, JsonKey(property), defaultText, apply));
    }

    // What `config with { Property = value }` does, for the property the lambda reads: the record's own copy
    // method, then the property's init accessor, which reflection may call.
    private static Func<TConfig, object, TConfig> Setter(LambdaExpression property)
    {
        var member = PropertyOf(property);
        var clone = typeof(TConfig).GetMethod("<Clone>$")
            ?? throw new ArgumentException($"{typeof(TConfig).Name} is not a record", nameof(property));
        return (config, value) =>
        {
            var copy = (TConfig)clone.Invoke(config, null)!;
            member.SetValue(copy, value);
            return copy;
        };
    }

    // The key of the property the lambda reads, as the config file spells it: [JsonPropertyName] or snake_case.
    private static string JsonKey(LambdaExpression property)
    {
        var member = PropertyOf(property);
        return member.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
            ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(member.Name);
    }

    private static PropertyInfo PropertyOf(LambdaExpression property)
    {
        var body = property.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert
            ? convert.Operand
            : property.Body;
        return body is MemberExpression { Member: PropertyInfo member, Expression: ParameterExpression }
            ? member
            : throw new ArgumentException($"expected a property of {typeof(TConfig).Name}, found {property}",
                nameof(property));
    }

    private static string? Format<T>(T value) => value switch
    {
        null => null,
        string { Length: 0 } => null,
        string text => text,
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
