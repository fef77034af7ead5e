using System.Reflection;

namespace SelfInstruct.Core.Configuration;

/// <summary>
/// The one spelling of an enum value on the command line and in config files: its
/// <see cref="JsonStringEnumMemberNameAttribute"/> where it has one, else its name in kebab case
/// (<c>OutputOnly</c> is <c>output-only</c>).
/// </summary>
public static class EnumNames
{
    /// <summary>The name of <paramref name="value"/>.</summary>
    public static string Name<T>(T value)
        where T : struct, Enum
    {
        var member = typeof(T).GetField(value.ToString(), BindingFlags.Public | BindingFlags.Static);
        return member?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
            ?? JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
    }

    /// <summary>Every value's name, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>()
        where T : struct, Enum => Enum.GetValues<T>().Select(Name).ToList();

    /// <summary>Parses a name written by <see cref="Name"/>, in any case.</summary>
    public static bool TryParse<T>(string text, out T value)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Name(candidate), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>
    /// The value named <paramref name="text"/>; otherwise <paramref name="fallback"/>, with a problem naming
    /// <paramref name="key"/> and every allowed name.
    /// </summary>
    public static T Parse<T>(string text, string key, T fallback, ConfigProblems problems)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (TryParse<T>(text, out var value))
        {
            return value;
        }
        problems.Check(false, $"{key}: expected {string.Join(", ", All<T>())}, found '{text}'");
        return fallback;
    }
}
