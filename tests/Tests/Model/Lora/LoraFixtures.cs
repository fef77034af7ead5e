using SelfInstruct.Model;
using SelfInstruct.Model.Lora;
using SelfInstruct.Model.Tokenization;
using static TorchSharp.torch;

namespace SelfInstruct.Tests.Model.Lora;

/// <summary>Tiny models, seeded adapter values and fixed inputs shared by the LoRA tests.</summary>
internal static class LoraFixtures
{
    /// <summary>Every linear layer of the architecture: GPT-2 has no gate_proj.</summary>
    public static IReadOnlyList<string> AllLinears(ModelArchitecture architecture) =>
        LoraOptions.LinearModuleNames.Where(name => architecture != ModelArchitecture.Gpt2 || name != "gate_proj")
            .ToList();

    /// <summary>A tiny preset model with seeded weights, in eval mode.</summary>
    public static LocalModel NewModel(ModelArchitecture architecture, long seed = 5)
    {
        var tokenizer = ModelTokenizer.CreateByteLevel();
        return LocalModel.Create(
            ModelPresets.Create(architecture, ModelPreset.Tiny, tokenizer.VocabSize), tokenizer, seed);
    }

    /// <summary>Input ids [2, 12] below 256.</summary>
    public static Tensor InputIds() => arange(24, ScalarType.Int64).mul(37).remainder(256).view(2, 12);

    /// <summary>Logits [2, 12, vocab] under no-grad.</summary>
    public static Tensor Logits(CausalLanguageModel model)
    {
        using var noGrad = no_grad();
        using var inputIds = InputIds();
        return model.Logits(inputIds);
    }

    /// <summary>Replaces every A and B with seeded normal values, so the adapters change the output.</summary>
    public static void Randomize(LoraAdapters adapters, long seed)
    {
        using var generator = new Generator((ulong)seed, CPU);
        using var noGrad = no_grad();
        foreach (var (_, parameter) in adapters.NamedParameters)
        {
            parameter.normal_(0, 0.1, generator);
        }
    }
}
