using System.Diagnostics;
using SelfInstruct.Finetune.Configuration;
using SelfInstruct.Finetune.Data;
using SelfInstruct.Finetune.Training;
using SelfInstruct.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace SelfInstruct.Bench.Finetune;

/// <summary>
/// Trains a fresh model with the trainer's own step for a few steps and measures the median tokens per second and
/// the peak memory: on the CPU the process's peak resident memory above its start (VmHWM), on CUDA the device's
/// used memory (cudaMemGetInfo) after each step, which the caching allocator keeps at its peak.
/// </summary>
internal static class StepTimer
{
    public static (double TokensPerSecond, long? PeakBytes) Measure(ModelConfig config, int batch, int context,
        TrainingPrecision precision, bool checkpointing, Device device, int warmup, int timed)
    {
        var baseline = ProcessMemory.Resident();
        using var model = new CausalLanguageModel(config);
        model.to(device);
        var settings = new FinetuneConfig
        {
            BatchSize = batch,
            MaxSteps = 1_000_000,
            LearningRate = 1e-4,
            WarmupRatio = 0,
            Precision = precision,
            GradientCheckpointing = checkpointing,
        };
        using var trainer = new Trainer(model, model.named_parameters().ToList(), settings,
            RandomData(config.VocabSize, context, batch * (warmup + timed)), device);
        var seconds = new List<double>();
        long? peak = null;
        for (var step = 0; step < warmup + timed; step++)
        {
            var clock = Stopwatch.StartNew();
            trainer.Step(step);
            if (device.type == DeviceType.CUDA)
            {
                cuda.synchronize(device);
                peak = CudaUsedBytes() is { } used ? Math.Max(peak ?? 0, used) : null;
            }
            if (step >= warmup)
            {
                seconds.Add(clock.Elapsed.TotalSeconds);
            }
        }
        if (device.type == DeviceType.CPU)
        {
            peak = ProcessMemory.Peak() - baseline;
        }
        var median = seconds.Order().ElementAt(seconds.Count / 2);
        return (batch * context / median, peak);
    }

    /// <summary>Full-length rows of random tokens, every token labelled, as a language-model pretraining step sees them.</summary>
    public static EncodedData RandomData(int vocab, int context, int rows)
    {
        var random = new Random(1);
        var examples = Enumerable.Range(0, rows).Select(_ =>
        {
            var ids = Enumerable.Range(0, context).Select(_ => (long)random.Next(vocab)).ToArray();
            return new TokenizedExample(ids, ids.ToArray());
        }).ToList();
        return new EncodedData(examples, [], new EncodingCounts(rows, 0, 0), 0);
    }

    // TorchSharp exposes no CUDA memory statistics; the runtime that libtorch loads answers total minus free.
    private static long? CudaUsedBytes()
    {
        try
        {
            return CudaRuntime.cudaMemGetInfo(out var free, out var total) == 0 ? (long)(total - free) : null;
        }
        catch (DllNotFoundException)
        {
            return null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }
}
