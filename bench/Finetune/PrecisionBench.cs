using System.Diagnostics;
using SelfInstruct.Finetune.Configuration;
using static TorchSharp.torch;

namespace SelfInstruct.Bench.Finetune;

/// <summary>
/// <c>--precision</c>: on the CPU, float32 against bf16 and each without and with gradient checkpointing, for the two
/// CPU models at context 256: tokens per second and peak memory. Each variant runs in a child process of the bench
/// (<c>--measure</c>), so that its peak resident memory is its own.
/// </summary>
internal static class PrecisionBench
{
    private const int Context = 256;

    private static readonly (TrainingPrecision Precision, bool Checkpointing)[] _variants =
    [
        (TrainingPrecision.Fp32, false), (TrainingPrecision.Bf16, false), (TrainingPrecision.Fp32, true),
        (TrainingPrecision.Bf16, true),
    ];

    public static void Run(int threads, int warmup, int timed)
    {
        Console.WriteLine($"{Environment.ProcessorCount} cores, {threads} torch threads, context {Context}, " +
            $"median of {timed} steps after {warmup}; ratios against float32 without checkpointing");
        Console.WriteLine($"{"model",-24} {"precision",-9} {"checkpointing",13} {"tokens/s",9} {"ratio",6} " +
            $"{"peak MiB",9} {"ratio",6}");
        for (var model = 0; model < BenchModels.Cpu.Count; model++)
        {
            (double Rate, double Peak)? baseline = null;
            foreach (var (precision, checkpointing) in _variants)
            {
                var (rate, peak) = MeasureInChild(model, precision, checkpointing, threads, warmup, timed);
                baseline ??= (rate, peak);
                Console.WriteLine($"{BenchModels.Cpu[model].Name,-24} {EnumNames.Name(precision),-9} " +
                    $"{(checkpointing ? "on" : "off"),13} {rate,9:N0} {rate / baseline.Value.Rate,6:F2} " +
                    $"{peak,9:N0} {peak / baseline.Value.Peak,6:F2}");
            }
        }
    }

    /// <summary>The child's side: one variant, printed as "tokens/s peak-MiB".</summary>
    public static void MeasureOne(int model, TrainingPrecision precision, bool checkpointing, int warmup, int timed)
    {
        var (_, config, batch) = BenchModels.Cpu[model];
        var (rate, peak) = StepTimer.Measure(config, batch, Context, precision, checkpointing, CPU, warmup, timed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rate} {(peak ?? 0) / 1048576.0}"));
    }

    private static (double Rate, double Peak) MeasureInChild(
        int model, TrainingPrecision precision, bool checkpointing, int threads, int warmup, int timed)
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(PrecisionBench).Assembly.Location);
        }
        foreach (var argument in (string[])["--measure", $"{model}", EnumNames.Name(precision),
            checkpointing ? "on" : "off", "--threads", $"{threads}", "--warmup", $"{warmup}", "--timed", $"{timed}"])
        {
            start.ArgumentList.Add(argument);
        }
        using var child = Process.Start(start)!;
        var lines = child.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        child.WaitForExit();
        var parts = lines[^1].Split(' ');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture),
            double.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
