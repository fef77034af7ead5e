using System.CommandLine;

namespace SelfInstruct.Core.Configuration;

/// <summary>One command-line option bound to one setting of <typeparamref name="TConfig"/>.</summary>
/// <param name="Option">The option as the command declares it.</param>
/// <param name="JsonKey">The setting's key in the config file, such as <c>learning_rate</c>.</param>
/// <param name="DefaultText">What the help shows as the default, or null when it shows none.</param>
/// <param name="Apply">Overlays the option's value, when given, on a record; bad values become problems.</param>
public sealed record ConfigOption<TConfig>(
    Option Option,
    string JsonKey,
    string? DefaultText,
    Func<ParseResult, TConfig, ConfigProblems, TConfig> Apply);
