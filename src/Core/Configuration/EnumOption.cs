using System.CommandLine;
using System.CommandLine.Parsing;

namespace SelfInstruct.Core.Configuration;

/// <summary>
/// A command-line option that names a value of an enum by its <see cref="EnumNames"/> name, for options that set no
/// config setting; a bad name is a parse error that lists every allowed one.
/// </summary>
public static class EnumOption
{
    /// <summary>The option <paramref name="name"/>; null when it is not given.</summary>
    public static Option<T?> Create<T>(string name, string description)
        where T : struct, Enum => new(name)
        {
            Description = description,
            HelpName = string.Join('|', EnumNames.All<T>()),
            CustomParser = result => Parse<T>(name, result),
        };

    private static T? Parse<T>(string name, ArgumentResult result)
        where T : struct, Enum
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (EnumNames.TryParse<T>(text, out var value))
        {
            return value;
        }
        result.AddError($"{name}: expected one of {string.Join(", ", EnumNames.All<T>())}, found '{text}'");
        return null;
    }
}
