using SelfInstruct.Finetune.Configuration;
using SelfInstruct.Finetune.Data;
using SelfInstruct.Finetune.Training;
using SelfInstruct.Model;
using static TorchSharp.torch;

namespace SelfInstruct.Tests.Finetune.Training;

/// <summary>Builds the run's <see cref="Trainer"/> for a loaded model, to step or evaluate it directly.</summary>
internal static class TrainerFixture
{
    public static async Task<Trainer> CreateAsync(LocalModel local, FinetuneConfig config)
    {
        var split = await TrainingRows.LoadAsync(config, CancellationToken.None);
        var eos = local.Tokenizer.EosTokenId!.Value;
        var encoder = new ExampleEncoder(PromptFormat.For(config.Format), local.Tokenizer, eos,
            local.Model.Config.MaxPositions, config.Masking, config.Truncation);
        var (train, counts) = encoder.EncodeAll(split.Train, new Random(config.Seed));
        var (validation, _) = encoder.EncodeAll(split.Validation, null);
        return new Trainer(local.Model, local.Model.named_parameters().ToList(), config,
            new EncodedData(train, validation, counts, eos), CPU);
    }

    public static async Task<double?> ValidationLossAsync(LocalModel local, FinetuneConfig config)
    {
        using var trainer = await CreateAsync(local, config);
        return trainer.ValidationLoss();
    }
}
