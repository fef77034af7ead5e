using Xunit;

namespace SelfInstruct.Tests.Core.Text;

public sealed class PythonTextTests
{
    [Theory]
    [InlineData("İstanbul", "i\u0307stanbul")]
    [InlineData("ΟΔΟΣ", "\u03BF\u03B4\u03BF\u03C2")]
    [InlineData("ΣΑ", "\u03C3\u03B1")]
    [InlineData("\u212A", "k")]
    [InlineData("ÀB", "àb")]
    public void Lower_cases_as_python_does(string text, string expected)
    {
        var lower = PythonText.Lower(text);

        Assert.Equal(expected, lower);
    }

    [Fact]
    public void Collapses_the_separators_python_splits_on_and_keeps_zero_width_space()
    {
        var collapsed = PythonText.CollapseWhiteSpace("\u001Ca\u00A0\u3000b\u200Bc  ");

        Assert.Equal("a b\u200Bc", collapsed);
    }
}
