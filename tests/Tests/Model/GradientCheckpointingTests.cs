using SelfInstruct.Model;
using SelfInstruct.Model.Lora;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace SelfInstruct.Tests.Model;

/// <summary>Recomputing each layer in the backward pass gives the gradients of keeping its activations.</summary>
[Collection(TorchSharpTests.Name)]
public sealed class GradientCheckpointingTests
{
    private const double Tolerance = 1e-6;

    [Theory]
    [InlineData(ModelArchitecture.Gpt2)]
    [InlineData(ModelArchitecture.Llama)]
    [InlineData(ModelArchitecture.Gemma2)]
    [InlineData(ModelArchitecture.Mistral)]
    public void Gives_the_gradients_of_the_plain_path(ModelArchitecture architecture)
    {
        manual_seed(11);
        using var model = new CausalLanguageModel(ModelPresets.Create(architecture, ModelPreset.Tiny, 97));
        var parameters = model.named_parameters().ToList();

        var plain = Gradients(model, parameters, checkpointing: false);
        var checkpointed = Gradients(model, parameters, checkpointing: true);

        Assert.All(parameters, pair => Assert.InRange(
            TensorAssert.MaxDifference(plain[pair.name], checkpointed[pair.name]), 0, Tolerance));
        Assert.True(plain.Values.All(gradient => gradient.abs().sum().item<float>() > 0), "a gradient was zero");
    }

    [Fact]
    public void Gives_LoRA_adapters_the_gradients_of_the_plain_path()
    {
        manual_seed(12);
        using var model = new CausalLanguageModel(ModelPresets.Create(ModelArchitecture.Llama, ModelPreset.Tiny, 97));
        var options = new LoraOptions { Rank = 4, Dropout = 0, TargetModules = ["q_proj", "v_proj", "down_proj"] };
        using var adapters = LoraAdapters.Attach(model, options, seed: 3);
        using (no_grad())
        {
            foreach (var (_, parameter) in adapters.NamedParameters)
            {
                parameter.normal_(0, 0.1);
            }
        }
        var parameters = adapters.NamedParameters.Select(pair => (pair.Name, pair.Parameter)).ToList();

        var plain = Gradients(model, parameters, checkpointing: false);
        var checkpointed = Gradients(model, parameters, checkpointing: true);

        Assert.All(parameters, pair => Assert.InRange(
            TensorAssert.MaxDifference(plain[pair.Name], checkpointed[pair.Name]), 0, Tolerance));
    }

    [Fact]
    public void Keeps_no_graph_in_eval_mode_or_without_grad()
    {
        using var model = new CausalLanguageModel(ModelPresets.Create(ModelArchitecture.Llama, ModelPreset.Tiny, 97));
        model.GradientCheckpointing = true;
        model.eval();
        using var inputIds = randint(97, [2, 12], ScalarType.Int64);

        using var checkpointed = model.Logits(inputIds);
        model.GradientCheckpointing = false;
        using var plain = model.Logits(inputIds);

        Assert.Equal(0, TensorAssert.MaxDifference(plain, checkpointed));
    }

    private static Dictionary<string, Tensor> Gradients(
        CausalLanguageModel model, IReadOnlyList<(string Name, Parameter Parameter)> parameters, bool checkpointing)
    {
        model.train();
        model.GradientCheckpointing = checkpointing;
        foreach (var (_, parameter) in parameters)
        {
            parameter.grad = null;
        }
        using var generator = new Generator(5);
        using var inputIds = randint(97, [3, 20], generator: generator);
        using var labels = inputIds.clone();
        labels[0].narrow(0, 0, 6).fill_(CausalLanguageModel.IgnoreIndex);
        using (var loss = model.Loss(inputIds, labels))
        {
            loss.backward();
        }
        return parameters.ToDictionary(pair => pair.Name, pair => pair.Parameter.grad!.clone());
    }
}
