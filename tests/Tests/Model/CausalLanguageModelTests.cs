using SelfInstruct.Model;
using SelfInstruct.Model.Checkpoints;
using SelfInstruct.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace SelfInstruct.Tests.Model;

/// <summary>
/// The model file reproduces the tiny GPT-2, Llama and Qwen2 reference checkpoints: logits and every hidden-state
/// snapshot within 1e-4, argmaxes exactly.
/// </summary>
[Collection(TorchSharpTests.Name)]
public sealed class CausalLanguageModelTests
{
    private const double Tolerance = 1e-4;

    [Theory]
    [InlineData(ModelArchitecture.Gpt2)]
    [InlineData(ModelArchitecture.Llama)]
    [InlineData(ModelArchitecture.Gemma3)]
    public void Builds_every_parameter_in_the_dtype_asked_for(ModelArchitecture architecture)
    {
        using var model = new CausalLanguageModel(ModelPresets.Create(architecture, ModelPreset.Tiny, 64),
            ScalarType.BFloat16);

        Assert.All(model.parameters(), parameter => Assert.Equal(ScalarType.BFloat16, parameter.dtype));
        Assert.Equal(ScalarType.Float32, get_default_dtype());
    }

    [SharedDataTheory]
    [InlineData("tiny-gpt2")]
    [InlineData("tiny-llama")]
    [InlineData("tiny-qwen2")]
    public void Reproduces_the_reference_logits_and_hidden_states(string fixture)
    {
        using var model = Checkpoint.Load(ReferenceFixture.Folder(fixture));
        using var noGrad = no_grad();

        foreach (var reference in ReferenceFixture.Cases(fixture))
        {
            using var scope = NewDisposeScope();
            var hiddenStates = new List<Tensor>();
            var logits = model.Logits(tensor(reference.InputIds).unsqueeze(0), hiddenStates: hiddenStates);

            TensorAssert.Close(reference.Logits, logits, Tolerance, $"{fixture} {reference.Name} logits");
            Assert.Equal(ReferenceFixture.HiddenStateNames.Length, hiddenStates.Count);
            for (var i = 0; i < hiddenStates.Count; i++)
            {
                var name = ReferenceFixture.HiddenStateNames[i];
                TensorAssert.Close(reference.HiddenStates[name], hiddenStates[i], Tolerance,
                    $"{fixture} {reference.Name} {name}");
            }
            Assert.Equal(reference.ArgmaxIds, logits[0].argmax(-1).data<long>().ToArray());
        }
    }
}
