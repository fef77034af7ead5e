using System.Numerics;

namespace SelfInstruct.Core.Rouge;

/// <summary>
/// Python's <c>round(x, digits)</c> for doubles: the exact binary value rounded to <c>digits</c> decimals, ties to
/// even, then read back as the nearest double. <see cref="Math.Round(double, int)"/> scales by a power of ten first
/// and can land on the other side of a tie.
/// </summary>
public static class PythonRound
{
    /// <summary>Rounds as Python's built-in <c>round(value, digits)</c> does.</summary>
    public static double Round(double value, int digits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        if (!double.IsFinite(value) || value == 0)
        {
            return value;
        }
        var bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        // value = significand * 2^power exactly.
        var significand = exponent == 0 ? mantissa : mantissa | (1L << 52);
        var power = (exponent == 0 ? 1 : exponent) - 1075;
        var scaled = new BigInteger(significand) * BigInteger.Pow(10, digits);
        BigInteger rounded;
        if (power >= 0)
        {
            rounded = scaled << power;
        }
        else
        {
            var divisor = BigInteger.One << -power;
            rounded = BigInteger.DivRem(scaled, divisor, out var remainder);
            var twice = remainder * 2;
            if (twice > divisor || (twice == divisor && !rounded.IsEven))
            {
                rounded += 1;
            }
        }
        var text = rounded.ToString(CultureInfo.InvariantCulture).PadLeft(digits + 1, '0');
        var decimalText = digits == 0 ? text : $"{text[..^digits]}.{text[^digits..]}";
        var magnitude = double.Parse(decimalText, CultureInfo.InvariantCulture);
        return value < 0 ? -magnitude : magnitude;
    }
}
