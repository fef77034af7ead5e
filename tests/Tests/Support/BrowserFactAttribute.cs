using Xunit;

namespace SelfInstruct.Tests.Support;

/// <summary>
/// A fact that drives Debian's Chromium with playwright-core from <c>tests/Browser</c>; where either is missing (a
/// user's clone) it skips with the reason, and <c>.ci/run</c>, which installs both, refuses skipped tests.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    /// <summary>Where the chromium binary is expected.</summary>
    public const string Chromium = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (MissingReason() is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>The folder of the browser scripts and their node_modules.</summary>
    public static string ScriptFolder => RepositoryRoot.PathTo(Path.Combine("tests", "Browser"));

    private static string? MissingReason() =>
        !File.Exists(Chromium)
            ? $"{Chromium} is not installed (apt-get install chromium); .ci/run installs it"
            : !Directory.Exists(Path.Combine(ScriptFolder, "node_modules", "playwright-core"))
                ? $"playwright-core is not installed: run 'npm ci' in {ScriptFolder} (.ci/run does)"
                : null;
}
