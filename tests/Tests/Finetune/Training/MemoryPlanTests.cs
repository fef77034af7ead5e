using SelfInstruct.Finetune.Configuration;
using SelfInstruct.Finetune.Training;
using SelfInstruct.Model;
using SelfInstruct.Model.Tokenization;
using SelfInstruct.Tests.Model;
using SelfInstruct.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace SelfInstruct.Tests.Finetune.Training;

/// <summary>
/// The plan against the peak a training process measures: each run is a child process of the CLI, so that its peak
/// resident memory is its own and no other test's.
/// </summary>
[Collection(TorchSharpTests.Name)]
public sealed class MemoryPlanTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(ModelPreset.Tiny, 16, false)]
    [InlineData(ModelPreset.Mini, 8, false)]
    [InlineData(ModelPreset.Mini, 16, true)]
    [InlineData(ModelPreset.Small, 2, false)]
    public async Task Estimates_the_measured_peak_within_25_percent(
        ModelPreset preset, int batchSize, bool checkpointing)
    {
        using var folder = new TemporaryFolder();
        var tokenizer = ModelTokenizer.CreateByteLevel();
        using (var model = LocalModel.Create(
            ModelPresets.Create(ModelArchitecture.Llama, preset, tokenizer.VocabSize), tokenizer, seed: 1))
        {
            await model.SaveAsync(folder.File("base"), CancellationToken.None);
        }
        await WriteNumberListsAsync(folder.File("data.json"));

        string[] checkpointingOption = checkpointing ? ["--gradient-checkpointing"] : [];

        var (exitCode, text) = await ChildCli.RunAsync(["finetune", "--base", folder.File("base"), "--data",
            folder.File("data.json"), "--out", folder.File("out"), "--max-steps", "2", "--batch-size",
            batchSize.ToString(CultureInfo.InvariantCulture), "--max-length", "256", "--device", "cpu", "--threads",
            "2", "--plain", "--logging-steps", "1", "--val-fraction", "0", "--save-steps", "0",
            .. checkpointingOption]);

        Assert.True(exitCode == 0, text);
        var planned = double.Parse(Regex.Match(text, @"total\s+([\d,]+)\s+MiB").Groups[1].Value,
            NumberStyles.Number, CultureInfo.InvariantCulture);
        var lastLine = File.ReadLines(Path.Combine(folder.File("out"), MetricsLog.FileName)).Last();
        var measured = (long)JsonNode.Parse(lastLine)!["peak_memory_bytes"]! / 1048576.0;
        output.WriteLine($"{preset} batch {batchSize}, checkpointing {checkpointing}: planned {planned:N0} MiB, " +
            $"measured {measured:N0} MiB");
        Assert.InRange(planned, 0.75 * measured, 1.25 * measured);
    }

    [Fact]
    public void Auto_batch_size_halves_until_the_plan_fits()
    {
        var model = ModelPresets.Create(ModelArchitecture.Llama, ModelPreset.Small, 257);
        var config = new FinetuneConfig();
        var four = MemoryPlan.Estimate(model, config, 4, 1024);

        var chosen = MemoryPlan.LargestBatch(model, config, 64, 1024, four.Total + 1);
        var smallest = MemoryPlan.LargestBatch(model, config, 64, 1024, 1);

        Assert.Equal(4, chosen.BatchSize);
        Assert.True(MemoryPlan.Estimate(model, config, 8, 1024).Total > four.Total + 1);
        Assert.Equal(1, smallest.BatchSize);
    }

    [Fact]
    public void Checkpointing_bf16_and_LoRA_each_plan_less()
    {
        var model = ModelPresets.Create(ModelArchitecture.Llama, ModelPreset.Small, 32000);
        var plain = MemoryPlan.Estimate(model, new FinetuneConfig(), 8, 1024);

        var checkpointed = MemoryPlan.Estimate(model, new FinetuneConfig { GradientCheckpointing = true }, 8, 1024);
        var bf16 = MemoryPlan.Estimate(model, new FinetuneConfig { Precision = TrainingPrecision.Bf16 }, 8, 1024);
        var lora = MemoryPlan.Estimate(model, new FinetuneConfig { LoraRank = 8 }, 8, 1024);

        Assert.True(checkpointed.Activations < plain.Activations / 2, "checkpointing");
        Assert.True(bf16.Activations < plain.Activations, "bf16");
        Assert.True(lora.OptimizerState < plain.OptimizerState / 100, "LoRA");
    }

    // Rows of about 230 bytes, so that every micro-batch is close to batch × 256 tokens.
    private static Task WriteNumberListsAsync(string path)
    {
        var random = new Random(1);
        var rows = Enumerable.Range(0, 64).Select(_ => new
        {
            instruction = "Continue the list.",
            input = "",
            output = string.Join(' ', Enumerable.Range(0, 44).Select(_ => random.Next(1000))),
        });
        return File.WriteAllTextAsync(path, JsonSerializer.Serialize(rows));
    }
}
