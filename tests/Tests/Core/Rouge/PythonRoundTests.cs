using Xunit;

namespace SelfInstruct.Tests.Core.Rouge;

public sealed class PythonRoundTests
{
    [Theory]
    [InlineData(0.125, 2, 0.12)] // an exact tie rounds to even
    [InlineData(0.375, 2, 0.38)]
    [InlineData(2.675, 2, 2.67)] // 2.675 is stored just below the tie
    [InlineData(69.81849999999999, 4, 69.8185)]
    [InlineData(46.2, 4, 46.2)]
    [InlineData(2.5, 0, 2.0)]
    [InlineData(-1.00005, 4, -1.0001)]
    [InlineData(1e-7, 4, 0.0)]
    [InlineData(12345678.123456, 4, 12345678.1235)]
    public void Rounds_the_exact_binary_value_half_to_even(double value, int digits, double expected)
    {
        var rounded = PythonRound.Round(value, digits);

        Assert.Equal(expected, rounded);
    }

    [Fact]
    public void Differs_from_scaled_rounding_where_scaling_crosses_a_tie()
    {
        // 1.0005 is stored as 1.000499999999999989..., so Python gives 1.0; scaling by 1000 first gives 1.0005 * 1000
        // = 1000.4999999999999 or 1000.5 depending on the rounding of the product.
        var rounded = PythonRound.Round(1.0005, 3);

        Assert.Equal(1.0, rounded);
    }
}
