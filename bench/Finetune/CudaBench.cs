using System.Diagnostics;
using SelfInstruct.Finetune.Configuration;
using SelfInstruct.Model;
using static TorchSharp.torch;

namespace SelfInstruct.Bench.Finetune;

/// <summary>
/// <c>--device cuda</c>: bf16 training of the ~100M and ~500M Llama-style models at context 1024 with TF32 on,
/// tokens per second, model FLOPs utilisation against the card's dense bf16 peak (<c>--peak-tflops</c>, or the
/// table below by the name nvidia-smi gives) and the peak device memory.
/// </summary>
internal static class CudaBench
{
    private const int Context = 1024;

    // Dense bf16 tensor-core peaks from the vendors' data sheets, in TFLOPS.
    private static readonly (string Name, double Tflops)[] _peaks =
    [
        ("A100", 312), ("H100", 989), ("H200", 989), ("L4", 121), ("RTX 4090", 165),
    ];

    public static void Run(int batch, double? peakTflops, int warmup, int timed)
    {
        if (!cuda.is_available())
        {
            throw new InvalidOperationException("libtorch sees no CUDA device; build with -p:TorchBackend=cuda on a " +
                "GPU machine");
        }
        backends.cuda.matmul.allow_tf32 = true;
        var card = CardName();
        var peak = peakTflops ?? _peaks.FirstOrDefault(entry => card.Contains(entry.Name, StringComparison.Ordinal))
            .Tflops;
        Console.WriteLine($"{card}, bf16 peak {(peak > 0 ? $"{peak:N0} TFLOPS" : "unknown (pass --peak-tflops)")}, " +
            $"context {Context}, batch {batch}, median of {timed} steps after {warmup}, TF32 on");
        Console.WriteLine($"{"model",-14} {"parameters",13} {"tokens/s",10} {"MFU",7} {"peak memory",12}");
        foreach (var (name, config) in BenchModels.Cuda)
        {
            var (rate, bytes) = StepTimer.Measure(config, batch, Context, TrainingPrecision.Bf16, checkpointing: false,
                CUDA, warmup, timed);
            var utilisation = peak > 0 ? $"{rate * FlopsPerToken(config) / (peak * 1e12):P1}" : "n/a";
            var memory = bytes is { } used ? $"{used / 1073741824.0:N1} GiB" : "unknown";
            Console.WriteLine($"{name,-14} {config.ParameterCount(),13:N0} {rate,10:N0} {utilisation,7} {memory,12}");
        }
    }

    // Training FLOPs per token: 6 per weight of the matmuls (forward, and twice that backward) plus attention's
    // 12 · layers · hidden · context (PaLM's appendix B); embeddings are a lookup.
    private static double FlopsPerToken(ModelConfig config)
    {
        var matmulWeights = config.ParameterCount() - (long)config.VocabSize * config.HiddenSize
            + (config.TieWordEmbeddings ? (long)config.VocabSize * config.HiddenSize : 0);
        return 6.0 * matmulWeights + 12.0 * config.LayerCount * config.HiddenSize * Context;
    }

    private static string CardName()
    {
        try
        {
            var query = new ProcessStartInfo("nvidia-smi", ["--query-gpu=name", "--format=csv,noheader"])
            {
                RedirectStandardOutput = true,
            };
            using var smi = Process.Start(query);
            var name = smi?.StandardOutput.ReadLine();
            smi?.WaitForExit();
            return string.IsNullOrWhiteSpace(name) ? "unknown GPU" : name.Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown GPU (no nvidia-smi)";
        }
    }
}
