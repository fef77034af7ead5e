using System.Diagnostics;
using SelfInstruct.Finetune.Configuration;
using SelfInstruct.Finetune.Training;
using SelfInstruct.Model;
using SelfInstruct.Tests.Model;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace SelfInstruct.Tests.Finetune.Training;

[Collection(TorchSharpTests.Name)]
public sealed class MixedPrecisionTests(ITestOutputHelper output)
{
    private const int Steps = 200;
    private const int Vocab = 64;

    [Theory]
    [InlineData(ModelPreset.Tiny)]
    [InlineData(ModelPreset.Mini)]
    public void Bf16_reaches_the_float32_loss_within_2_percent_over_200_steps(ModelPreset preset)
    {
        var clock = Stopwatch.StartNew();

        var fp32 = TrainedLoss(preset, TrainingPrecision.Fp32);
        var bf16 = TrainedLoss(preset, TrainingPrecision.Bf16);

        output.WriteLine($"{preset}: fp32 {fp32:F4}, bf16 {bf16:F4}, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(fp32 < 0.85 * Math.Log(Vocab), $"float32 did not learn: {fp32:F4}");
        Assert.InRange(bf16, fp32 * 0.98, fp32 * 1.02);
    }

    [Fact]
    public void Bf16_keeps_float32_master_weights_and_moves_them()
    {
        using var model = new CausalLanguageModel(ModelPresets.Create(ModelArchitecture.Llama, ModelPreset.Tiny, 64));
        var before = model.named_parameters().ToDictionary(pair => pair.name, pair => pair.parameter.clone());
        using var trainer = new Trainer(model, model.named_parameters().ToList(), Settings(TrainingPrecision.Bf16),
            SyntheticData.Create(64, 16, 16, 0), CPU);

        // The warmup's first step has a learning rate of 0.
        trainer.Step(0);
        trainer.Step(1);

        Assert.All(model.parameters(), parameter => Assert.Equal(ScalarType.Float32, parameter.dtype));
        Assert.All(model.named_parameters(), pair =>
            Assert.False(pair.parameter.equal(before[pair.name]).all().item<bool>(), $"{pair.name} did not move"));
    }

    [Fact]
    public void Bf16_accumulates_micro_batch_gradients_in_the_float32_masters()
    {
        using var model = new CausalLanguageModel(ModelPresets.Create(ModelArchitecture.Llama, ModelPreset.Tiny, 64));
        using var trainer = new Trainer(model, model.named_parameters().ToList(),
            Settings(TrainingPrecision.Bf16) with { GradientAccumulationSteps = 2, BatchSize = 4 },
            SyntheticData.Create(64, 16, 16, 0), CPU);

        trainer.Step(1);

        Assert.All(model.named_parameters(), pair =>
        {
            Assert.Equal(ScalarType.Float32, pair.parameter.grad?.dtype);
            Assert.True(pair.parameter.grad!.abs().sum().item<float>() > 0, $"{pair.name} has no gradient");
        });
    }

    [Fact]
    public void Fp16_mixed_trains_and_reports_its_loss_scale()
    {
        using var model = new CausalLanguageModel(ModelPresets.Create(ModelArchitecture.Llama, ModelPreset.Tiny, 64));
        using var trainer = new Trainer(model, model.named_parameters().ToList(),
            Settings(TrainingPrecision.Fp16Mixed), SyntheticData.Create(64, 16, 16, 8), CPU);
        var first = trainer.ValidationLoss();

        for (var step = 0; step < 20; step++)
        {
            trainer.Step(step);
        }

        Assert.NotNull(trainer.Scaler);
        Assert.True(trainer.ValidationLoss() < first - 0.5, "the loss did not fall under fp16");
        Assert.Equal(LossScaler.InitialScale / Math.Pow(2, trainer.Scaler.SkippedSteps), trainer.Scaler.Scale);
    }

    private static double TrainedLoss(ModelPreset preset, TrainingPrecision precision)
    {
        manual_seed(5);
        using var model = new CausalLanguageModel(ModelPresets.Create(ModelArchitecture.Llama, preset, Vocab));
        using var trainer = new Trainer(model, model.named_parameters().ToList(), Settings(precision),
            SyntheticData.Create(Vocab, 24, 64, 16), CPU);
        for (var step = 0; step < Steps; step++)
        {
            trainer.Step(step);
        }
        return trainer.ValidationLoss()!.Value;
    }

    private static FinetuneConfig Settings(TrainingPrecision precision) => new()
    {
        Precision = precision,
        BatchSize = 8,
        MaxSteps = Steps,
        LearningRate = 3e-3,
        WarmupRatio = 0.05,
        Threads = 1,
    };
}
