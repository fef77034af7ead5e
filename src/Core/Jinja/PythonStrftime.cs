namespace SelfInstruct.Core.Jinja;

/// <summary>
/// Python's <c>datetime.strftime</c> for the directives chat templates pass to <c>strftime_now</c>
/// (<c>%d %b %Y</c> and the like), in the C locale, so a caller can offer <c>strftime_now</c> as a
/// <see cref="JinjaFunction"/>.
/// </summary>
public static class PythonStrftime
{
    /// <summary>
    /// Formats <paramref name="time"/> with <c>%d %m %y %Y %H %M %S %a %A %b %B %%</c>; any other directive is an
    /// <see cref="ArgumentException"/>.
    /// </summary>
    public static string Format(DateTimeOffset time, string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        var builder = new StringBuilder();
        for (var index = 0; index < format.Length; index++)
        {
            if (format[index] != '%' || index + 1 == format.Length)
            {
                builder.Append(format[index]);
                continue;
            }
            index++;
            builder.Append(Directive(time, format[index]));
        }
        return builder.ToString();
    }

    private static string Directive(DateTimeOffset time, char directive)
    {
        var invariant = CultureInfo.InvariantCulture;
        return directive switch
        {
            'd' => time.ToString("dd", invariant),
            'm' => time.ToString("MM", invariant),
            'y' => time.ToString("yy", invariant),
            'Y' => time.Year.ToString("0000", invariant),
            'H' => time.ToString("HH", invariant),
            'M' => time.ToString("mm", invariant),
            'S' => time.ToString("ss", invariant),
            'a' => time.ToString("ddd", invariant),
            'A' => time.ToString("dddd", invariant),
            'b' => time.ToString("MMM", invariant),
            'B' => time.ToString("MMMM", invariant),
            '%' => "%",
            _ => throw new ArgumentException($"unsupported strftime directive '%{directive}'", nameof(directive)),
        };
    }
}
