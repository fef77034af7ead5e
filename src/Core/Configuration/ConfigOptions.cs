using System.CommandLine;
using System.Linq.Expressions;
using System.Reflection;

namespace SelfInstruct.Core.Configuration;

/// <summary>
/// The command-line options of one settings record, each declared once: name, help text and the property it sets.
/// The JSON key comes from the property and the <c>[default: ...]</c> in the help from a new record, so neither can
/// drift. <see cref="ResolveAsync"/> applies the precedence every stage shares: the record's defaults, then the
/// <c>--config</c> file, then the options given, validated with every problem at once.
/// </summary>
/// <typeparam name="TConfig">The settings record.</typeparam>
public sealed class ConfigOptions<TConfig>
    where TConfig : class, IConfigRecord, new()
{
    private readonly TConfig _defaults = new();
    private readonly List<ConfigOption<TConfig>> _bindings = [];

    /// <summary>
    /// Options for these settings, with a <c>--config FILE</c> option described by <paramref name="fileDescription"/>
    /// (a JSON file of the settings), or none when it is null.
    /// </summary>
    public ConfigOptions(string? fileDescription = null)
    {
        File = fileDescription is null
            ? null
            : new Option<FileInfo?>("--config") { HelpName = "FILE", Description = fileDescription };
    }

    /// <summary>The <c>--config FILE</c> option, or null when the settings are not read from a file.</summary>
    public Option<FileInfo?>? File { get; }

    /// <summary>Every option bound to a setting, in declaration order.</summary>
    public IReadOnlyList<ConfigOption<TConfig>> Bindings => _bindings;

    /// <summary>A number (or other value type); an unset option keeps the record's value.</summary>
    public Option<T?> Value<T>(string name, string helpName, string description,
        Expression<Func<TConfig, T>> property, Func<TConfig, T, TConfig> set)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(set);
        var option = new Option<T?>(name) { HelpName = helpName };
        Bind(option, description, property, Format(property.Compile()(_defaults)),
            (parse, config, _) => parse.GetValue(option) is { } value ? set(config, value) : config);
        return option;
    }

    /// <summary>
    /// A number that may be unset in the record (no limit, the model's own); the help names what unset means.
    /// </summary>
    public Option<T?> OptionalValue<T>(string name, string helpName, string description,
        Expression<Func<TConfig, T?>> property, Func<TConfig, T, TConfig> set, string unsetDefault)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(set);
        var option = new Option<T?>(name) { HelpName = helpName };
        Bind(option, description, property, Format(property.Compile()(_defaults)) ?? unsetDefault,
            (parse, config, _) => parse.GetValue(option) is { } value ? set(config, value) : config);
        return option;
    }

    /// <summary>A text, such as a model name or a URL.</summary>
    public Option<string?> Text(string name, string helpName, string description,
        Expression<Func<TConfig, string?>> property, Func<TConfig, string, TConfig> set, string? unsetDefault = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        var option = new Option<string?>(name) { HelpName = helpName };
        Bind(option, description, property, Format(property.Compile()(_defaults)) ?? unsetDefault,
            (parse, config, _) => parse.GetValue(option) is { } value ? set(config, value) : config);
        return option;
    }

    /// <summary>A file or folder, stored as its full path (relative to the current folder).</summary>
    public Option<string?> Path(string name, string helpName, string description,
        Expression<Func<TConfig, string?>> property, Func<TConfig, string, TConfig> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return Text(name, helpName, description, property,
            (config, value) => set(config, System.IO.Path.GetFullPath(value)));
    }

    /// <summary>A switch that turns a setting on; it never turns one off that the file turned on.</summary>
    public Option<bool> Flag(string name, string description, Expression<Func<TConfig, bool>> property,
        Func<TConfig, TConfig> turnOn)
    {
        ArgumentNullException.ThrowIfNull(turnOn);
        var option = new Option<bool>(name);
        Bind(option, description, property, null,
            (parse, config, _) => parse.GetValue(option) ? turnOn(config) : config);
        return option;
    }

    /// <summary>One of an enum's values, by its <see cref="EnumNames"/> name; a bad name lists every allowed one.
    /// </summary>
    public Option<string?> Choice<T>(string name, string description, Expression<Func<TConfig, T>> property,
        Func<TConfig, T, TConfig> set)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(set);
        var option = new Option<string?>(name) { HelpName = string.Join('|', EnumNames.All<T>()) };
        var read = property.Compile();
        Bind(option, description, property, EnumNames.Name(read(_defaults)),
            (parse, config, problems) => parse.GetValue(option) is { } text
                ? set(config, EnumNames.Parse(text, name, read(config), problems))
                : config);
        return option;
    }

    /// <summary>A list of texts; given at all, it replaces the record's list.</summary>
    public Option<string[]?> List(string name, string helpName, string description,
        Expression<Func<TConfig, IReadOnlyList<string>>> property, Func<TConfig, IReadOnlyList<string>, TConfig> set,
        bool repeatable = false)
    {
        ArgumentNullException.ThrowIfNull(set);
        var option = new Option<string[]?>(name) { HelpName = helpName, AllowMultipleArgumentsPerToken = !repeatable };
        var defaults = property.Compile()(_defaults);
        Bind(option, description, property, defaults.Count == 0 ? null : string.Join(' ', defaults),
            (parse, config, _) => parse.GetValue(option) is { Length: > 0 } values ? set(config, values) : config);
        return option;
    }

    /// <summary>The bound options' values overlaid on <paramref name="config"/>; bad values become problems.</summary>
    public TConfig Apply(ParseResult parse, TConfig config, ConfigProblems problems) =>
        _bindings.Aggregate(config, (current, binding) => binding.Apply(parse, current, problems));

    /// <summary>
    /// The record's defaults, then the <c>--config</c> file read by <paramref name="readFile"/>, then the options
    /// given, then <paramref name="adjust"/> (for options that set more than one setting); every problem of the
    /// options and of the result is thrown at once.
    /// </summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="readFile">Reads the config file (it is not validated there).</param>
    /// <param name="what">Names the settings in messages when no file is given, such as "generation settings".</param>
    /// <param name="adjust">Applied after the bound options; null for none.</param>
    /// <param name="cancellationToken">Cancels reading the file.</param>
    /// <exception cref="ConfigException">An option or the resulting settings have problems, all listed.</exception>
    public async Task<TConfig> ResolveAsync(ParseResult parse,
        Func<string, CancellationToken, Task<TConfig>> readFile, string what,
        Func<ParseResult, TConfig, ConfigProblems, TConfig>? adjust, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(readFile);
        var file = File is null ? null : parse.GetValue(File);
        var config = file is null ? new TConfig() : await readFile(file.FullName, cancellationToken);
        return Resolve(parse, config, file is null ? what : $"{file.FullName} with the command-line options", adjust);
    }

    /// <summary>
    /// The options given overlaid on <paramref name="config"/>, then <paramref name="adjust"/>; every problem of the
    /// options and of the result is thrown at once, naming <paramref name="source"/>.
    /// </summary>
    /// <exception cref="ConfigException">An option or the resulting settings have problems, all listed.</exception>
    public TConfig Resolve(ParseResult parse, TConfig config, string source,
        Func<ParseResult, TConfig, ConfigProblems, TConfig>? adjust = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var problems = new ConfigProblems();
        config = Apply(parse, config, problems);
        config = adjust is null ? config : adjust(parse, config, problems);
        problems.Nested("", config.Problems());
        return problems.List.Count == 0 ? config : throw new ConfigException(source, problems.List);
    }

    private void Bind(Option option, string description, LambdaExpression property, string? defaultText,
        Func<ParseResult, TConfig, ConfigProblems, TConfig> apply)
    {
        option.Description = defaultText is null ? description : $"{description} [default: {defaultText}]";
        _bindings.Add(new ConfigOption<TConfig>(option, JsonKey(property), defaultText, apply));
    }

    // The key of the property the lambda reads, as the config file spells it: [JsonPropertyName] or snake_case.
    private static string JsonKey(LambdaExpression property)
    {
        var body = property.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert
            ? convert.Operand
            : property.Body;
        var member = (body as MemberExpression)?.Member as PropertyInfo
            ?? throw new ArgumentException($"expected a property of {typeof(TConfig).Name}, found {property}",
                nameof(property));
        return member.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
            ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(member.Name);
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
