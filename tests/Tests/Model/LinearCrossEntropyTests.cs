using SelfInstruct.Model;
using Xunit;
using static TorchSharp.torch;

namespace SelfInstruct.Tests.Model;

[Collection(TorchSharpTests.Name)]
public sealed class LinearCrossEntropyTests
{
    private const int Rows = 11;
    private const int Hidden = 8;
    private const int Vocab = 13;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(20)]
    [InlineData(0)]
    public void Loss_and_gradients_equal_projecting_then_cross_entropy(long blockRows)
    {
        using var scope = NewDisposeScope();
        var (hidden, weight, labels) = Inputs(weightRequiresGrad: true);
        var (plainHidden, plainWeight) = (hidden.detach().requires_grad_(), weight.detach().requires_grad_());
        var plain = nn.functional.cross_entropy(plainHidden.mm(plainWeight.t()), labels,
            ignore_index: CausalLanguageModel.IgnoreIndex);
        plain.backward();

        var loss = LinearCrossEntropy.Loss(hidden, weight, labels, blockRows);
        loss.backward();

        Assert.Empty(loss.shape);
        Assert.Equal(plain.item<float>(), loss.item<float>(), 5);
        Assert.True(TensorAssert.MaxDifference(plainHidden.grad!, hidden.grad!) < 1e-6, "hidden gradient");
        Assert.True(TensorAssert.MaxDifference(plainWeight.grad!, weight.grad!) < 1e-6, "weight gradient");
        // Ignored rows predict nothing, so their gradient is exactly zero.
        Assert.Equal(0, hidden.grad![2].abs().sum().item<float>());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public void Soft_capped_loss_and_gradients_equal_capping_the_logits_then_cross_entropy(long blockRows)
    {
        using var scope = NewDisposeScope();
        const double cap = 0.5;
        var (hidden, weight, labels) = Inputs(weightRequiresGrad: true);
        var (plainHidden, plainWeight) = (hidden.detach().requires_grad_(), weight.detach().requires_grad_());
        var capped = (plainHidden.mm(plainWeight.t()) / cap).tanh() * cap;
        var plain = nn.functional.cross_entropy(capped, labels, ignore_index: CausalLanguageModel.IgnoreIndex);
        plain.backward();
        var uncapped = LinearCrossEntropy.Loss(hidden.detach(), weight.detach(), labels, blockRows);

        var loss = LinearCrossEntropy.Loss(hidden, weight, labels, blockRows, softcap: cap);
        loss.backward();

        Assert.True(Math.Abs(uncapped.item<float>() - plain.item<float>()) > 1e-2, "the cap changes the loss");
        Assert.Equal(plain.item<float>(), loss.item<float>(), 5);
        Assert.True(TensorAssert.MaxDifference(plainHidden.grad!, hidden.grad!) < 1e-6, "hidden gradient");
        Assert.True(TensorAssert.MaxDifference(plainWeight.grad!, weight.grad!) < 1e-6, "weight gradient");
    }

    [Fact]
    public void A_frozen_weight_gets_no_gradient_and_the_hidden_states_still_do()
    {
        using var scope = NewDisposeScope();
        var (hidden, weight, labels) = Inputs(weightRequiresGrad: false);
        var plainHidden = hidden.detach().requires_grad_();
        nn.functional.cross_entropy(plainHidden.mm(weight.t()), labels, ignore_index: CausalLanguageModel.IgnoreIndex)
            .backward();

        LinearCrossEntropy.Loss(hidden, weight, labels, blockRows: 4).backward();

        Assert.Null(weight.grad);
        Assert.True(TensorAssert.MaxDifference(plainHidden.grad!, hidden.grad!) < 1e-6, "hidden gradient");
    }

    [Fact]
    public void Without_grad_mode_it_only_measures()
    {
        using var scope = NewDisposeScope();
        var (hidden, weight, labels) = Inputs(weightRequiresGrad: true);
        var plain = nn.functional.cross_entropy(hidden.mm(weight.t()), labels,
            ignore_index: CausalLanguageModel.IgnoreIndex).item<float>();

        using var noGrad = no_grad();
        var loss = LinearCrossEntropy.Loss(hidden, weight, labels, blockRows: 5);

        Assert.False(loss.requires_grad);
        Assert.Equal(plain, loss.item<float>(), 5);
    }

    [Fact]
    public void Every_label_ignored_gives_NaN_as_PyTorch_does()
    {
        using var scope = NewDisposeScope();
        var (hidden, weight, _) = Inputs(weightRequiresGrad: true);
        var ignored = full(Rows, CausalLanguageModel.IgnoreIndex, ScalarType.Int64);

        var loss = LinearCrossEntropy.Loss(hidden, weight, ignored);

        Assert.True(float.IsNaN(loss.item<float>()));
    }

    // Random rows and weight with three ignored labels, row 2 among them.
    private static (Tensor Hidden, Tensor Weight, Tensor Labels) Inputs(bool weightRequiresGrad)
    {
        var generator = new TorchSharp.torch.Generator(7);
        var hidden = randn(Rows, Hidden, generator: generator).requires_grad_();
        var weight = randn(Vocab, Hidden, generator: generator).requires_grad_(weightRequiresGrad);
        var labels = randint(Vocab, Rows, generator: generator);
        labels[2] = CausalLanguageModel.IgnoreIndex;
        labels[5] = CausalLanguageModel.IgnoreIndex;
        labels[Rows - 1] = CausalLanguageModel.IgnoreIndex;
        return (hidden, weight, labels);
    }
}
