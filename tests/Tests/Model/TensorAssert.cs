using Xunit;
using static TorchSharp.torch;

namespace SelfInstruct.Tests.Model;

/// <summary>Assertions on tensors against reference numbers, reporting the largest difference and where.</summary>
internal static class TensorAssert
{
    /// <summary>Asserts that a [rows, columns] tensor (or [1, rows, columns]) matches within the tolerance.</summary>
    public static void Close(float[][] expected, Tensor actual, double tolerance, string what)
    {
        var values = actual.to_type(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
        var columns = expected[0].Length;
        Assert.Equal(expected.Length * columns, values.Length);
        var (worst, row, column) = (0.0, 0, 0);
        for (var i = 0; i < expected.Length; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                var difference = Math.Abs(expected[i][j] - values[i * columns + j]);
                if (difference > worst)
                {
                    (worst, row, column) = (difference, i, j);
                }
            }
        }
        Assert.True(worst <= tolerance, $"{what}: max abs difference {worst:E3} at [{row}, {column}] > {tolerance:E0}");
    }

    /// <summary>Asserts that two tensors have the same dtype, shape and bytes.</summary>
    public static void Identical(Tensor expected, Tensor actual, string what)
    {
        Assert.True(expected.dtype == actual.dtype, $"{what}: dtype {actual.dtype}, expected {expected.dtype}");
        Assert.Equal(expected.shape, actual.shape);
        using var left = expected.cpu().contiguous();
        using var right = actual.cpu().contiguous();
        Assert.True(left.bytes.SequenceEqual(right.bytes), $"{what}: values differ");
    }

    /// <summary>The largest absolute difference between two tensors of one shape.</summary>
    public static double MaxDifference(Tensor left, Tensor right)
    {
        using var difference = (left.to_type(ScalarType.Float32) - right.to_type(ScalarType.Float32)).abs().max();
        return difference.item<float>();
    }
}
