using SelfInstruct.Core.Jinja;
using Xunit;

namespace SelfInstruct.Tests.Core.Jinja;

public sealed class PythonStrftimeTests
{
    private static readonly DateTimeOffset _time = new(2025, 3, 4, 7, 8, 9, TimeSpan.Zero);

    [Theory]
    [InlineData("%d %b %Y", "04 Mar 2025")]
    [InlineData("%d %B %Y", "04 March 2025")]
    [InlineData("%A %a %m/%d/%y", "Tuesday Tue 03/04/25")]
    [InlineData("%H:%M:%S 100%%", "07:08:09 100%")]
    [InlineData("no directives", "no directives")]
    public void Formats_as_python_strftime_in_the_c_locale(string format, string expected)
    {
        var text = PythonStrftime.Format(_time, format);

        Assert.Equal(expected, text);
    }

    [Fact]
    public void Refuses_a_directive_outside_its_subset()
    {
        var error = Assert.Throws<ArgumentException>(() => PythonStrftime.Format(_time, "%j"));

        Assert.Contains("'%j'", error.Message, StringComparison.Ordinal);
    }
}
