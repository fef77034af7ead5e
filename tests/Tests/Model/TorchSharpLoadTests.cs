using TorchSharp;
using Xunit;

namespace SelfInstruct.Tests.Model;

/// <summary>
/// TorchSharp's native library loads on this machine (see build/Libtorch.targets for why that needs help on
/// Debian 12) and computes.
/// </summary>
[Collection(TorchSharpTests.Name)]
public sealed class TorchSharpLoadTests
{
    [Fact]
    public void Multiplies_two_tensors_on_the_cpu()
    {
        using var left = torch.tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        using var right = torch.tensor(new float[] { 5, 6, 7, 8 }).reshape(2, 2);

        using var product = torch.matmul(left, right);

        Assert.Equal(new float[] { 19, 22, 43, 50 }, product.data<float>().ToArray());
    }
}
