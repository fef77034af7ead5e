using System.Diagnostics;
using SelfInstruct.Model;
using SelfInstruct.Model.Checkpoints;
using static TorchSharp.torch;

namespace SelfInstruct.Bench.Model;

/// <summary>
/// Peak resident memory of loading a ~110M-parameter bf16 checkpoint (a Llama, hidden 768, 12 layers, 32,000-token
/// vocabulary, tied embeddings) with bf16 compute, against the size of its model.safetensors. The checkpoint is
/// written to a temporary folder first; the load runs in a fresh child process, so that its VmHWM (from
/// /proc/self/status) counts the load alone, less the runtime's and libtorch's baseline measured just before.
/// Usage: dotnet run -c Release --project bench/Model -- --load-memory
/// </summary>
internal static class LoadMemory
{
    private const string ChildFlag = "--load-memory-child";

    public static void Run(string[] args)
    {
        if (args is [ChildFlag, var childFolder])
        {
            Child(childFolder);
            return;
        }
        var folder = Path.Combine(Path.GetTempPath(), $"selfinstruct-load-memory-{Guid.NewGuid():N}");
        try
        {
            var config = new ModelConfig
            {
                VocabSize = 32000,
                HiddenSize = 768,
                IntermediateSize = 2048,
                LayerCount = 12,
                HeadCount = 12,
                KeyValueHeadCount = 4,
                HeadDimension = 64,
                MaxPositions = 2048,
                TieWordEmbeddings = true,
            };
            using (var model = new CausalLanguageModel(config))
            {
                Checkpoint.SaveAsync(model, folder, ScalarType.BFloat16, CancellationToken.None).GetAwaiter().GetResult();
            }
            var file = new FileInfo(Path.Combine(folder, SafetensorsFile.FileName)).Length;
            Console.WriteLine($"checkpoint: {config.ParameterCount():N0} parameters, bf16 model.safetensors " +
                $"{Mib(file):N1} MiB");
            var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            {
                start.ArgumentList.Add(typeof(LoadMemory).Assembly.Location);
            }
            foreach (var argument in new[] { "--load-memory", ChildFlag, folder })
            {
                start.ArgumentList.Add(argument);
            }
            using var child = Process.Start(start)!;
            var output = child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            Console.Write(output);
            var loaded = long.Parse(output.Split('\n').First(line => line.StartsWith("load peak", StringComparison.Ordinal))
                .Split(' ')[^2], System.Globalization.CultureInfo.InvariantCulture);
            Console.WriteLine($"load peak / file size: {(double)loaded * 1024 / file:F2}x (goal under 1.3x)");
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static void Child(string folder)
    {
        using (var warm = ones(8, 8, ScalarType.BFloat16).matmul(ones(8, 8, ScalarType.BFloat16)))
        {
            _ = warm.sum().to_type(ScalarType.Float32).item<float>();
        }
        var baseline = Status("VmHWM");
        var stopwatch = Stopwatch.StartNew();
        using var model = Checkpoint.Load(folder, ScalarType.BFloat16);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine($"baseline VmHWM before the load: {baseline / 1024.0:N1} MiB");
        Console.WriteLine($"after the load: VmHWM {Status("VmHWM") / 1024.0:N1} MiB, VmRSS {Status("VmRSS") / 1024.0:N1} " +
            $"MiB, {seconds:F2} s");
        Console.WriteLine($"load peak above the baseline: {Status("VmHWM") - baseline} KiB");
    }

    // A /proc/self/status field in KiB.
    private static long Status(string field) =>
        long.Parse(File.ReadLines("/proc/self/status").First(line => line.StartsWith(field + ":", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);

    private static double Mib(long bytes) => bytes / 1024.0 / 1024.0;
}
