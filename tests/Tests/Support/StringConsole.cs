using Spectre.Console;

namespace SelfInstruct.Tests.Support;

/// <summary>A Spectre console without colours or ANSI codes that writes into a string.</summary>
internal static class StringConsole
{
    public static IAnsiConsole Create(StringWriter output, InteractionSupport interactive = InteractionSupport.No) =>
        AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = interactive,
            Out = new AnsiConsoleOutput(output),
        });
}
