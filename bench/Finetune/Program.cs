using System.Diagnostics;
using SelfInstruct.Bench.Finetune;
using SelfInstruct.Finetune.Configuration;
using SelfInstruct.Finetune.Training;
using SelfInstruct.Model;
using TorchSharp;
using static TorchSharp.torch;

// Fine-tuning benchmark: training tokens per second of the trainer's own step (forward, loss, backward, AdamW
// with weight decay) on the CPU for two GPT-2-style models at context 256, as the median of 20 steps after 3 warmup
// steps, next to PyTorch 1.13 + OpenBLAS with 2 threads: the issue's figures from the reference machine (3,800 and
// 679 tokens/s), or, with --pytorch-reference, pytorch_reference.py run just before on this machine, whose speed
// drifts by tens of percent over minutes. Every row is 256 tokens, so there is no padding. Resident memory and the
// live native allocations (which a leak would grow) are printed after 50 and after --memory-steps steps of the first
// model, with a garbage collection every --gc-steps steps as a run does. Freed memory stays in the heap as in a run
// (NativeHeap), unless --default-allocator. The CPU-time column divides the process's CPU seconds per step by the
// thread count, which estimates the unloaded wall time as long as the threads keep busy.
// Usage: dotnet run -c Release --project bench/Finetune [-- --threads 2 --memory-steps 500 --gc-steps 10 --clip
//     --default-allocator --pytorch-reference]
// --precision instead compares float32 and bf16 with and without gradient checkpointing on the CPU (PrecisionBench),
// and --device cuda measures bf16 training on a GPU (CudaBench; build with -p:TorchBackend=cuda):
//     dotnet run -c Release --project bench/Finetune -- --precision [--warmup 2 --timed 5]
//     dotnet run -c Release -p:TorchBackend=cuda --project bench/Finetune -- --device cuda [--batch 8 --peak-tflops X]

const int Context = 256;
const int Warmup = 3;
const int Timed = 20;
var threads = Option("--threads", 2);
var memorySteps = Option("--memory-steps", 500);
var gcSteps = Option("--gc-steps", 10);
var clip = args.Contains("--clip");
torch.set_num_threads(threads);
// As a run does, unless asked to measure glibc's default allocation.
var keptFreedMemory = !args.Contains("--default-allocator") && NativeHeap.KeepFreedMemory();
if (args.Contains("--measure"))
{
    var at = Array.IndexOf(args, "--measure");
    PrecisionBench.MeasureOne(int.Parse(args[at + 1], CultureInfo.InvariantCulture),
        Enum.Parse<TrainingPrecision>(args[at + 2].Replace("-", "", StringComparison.Ordinal), ignoreCase: true),
        args[at + 3] == "on", Option("--warmup", 2), Option("--timed", 5));
    return;
}
if (args.Contains("--precision"))
{
    PrecisionBench.Run(threads, Option("--warmup", 2), Option("--timed", 5));
    return;
}
if (args.Contains("--device") && args[Array.IndexOf(args, "--device") + 1] == "cuda")
{
    var peakTflops = Array.IndexOf(args, "--peak-tflops") is var index and >= 0
        ? double.Parse(args[index + 1], CultureInfo.InvariantCulture)
        : (double?)null;
    CudaBench.Run(Option("--batch", 8), peakTflops, Option("--warmup", 3), Option("--timed", 10));
    return;
}
Console.WriteLine($"{Environment.ProcessorCount} cores, {torch.get_num_threads()} torch threads, float32, " +
    $"context {Context}, median of {Timed} steps, gradient clipping {(clip ? "on" : "off")}, " +
    $"GC every {gcSteps} steps, freed memory {(keptFreedMemory ? "kept in the heap" : "returned (glibc default)")}");
var reference = args.Contains("--pytorch-reference") ? MeasurePyTorch() : null;
Console.WriteLine(reference is null
    ? "PyTorch: the issue's figures from the reference machine"
    : $"PyTorch: pytorch_reference.py just now, {string.Join(", ", reference.Select(pair => $"{pair.Value:N0}"))}");
Console.WriteLine();
Console.WriteLine($"load average before: {LoadAverage()}");
Console.WriteLine($"{"model",-24} {"parameters",11} {"batch",5} {"tokens/s",9} {"ratio",6} {"CPU-time tokens/s",18} " +
    $"{"ratio",6} {"PyTorch",8}");
var runs = new[]
{
    (Name: "d256 4 layers 8k vocab", Hidden: 256, Layers: 4, Heads: 4, Vocab: 8192, Batch: 8, PyTorch: 3800.0),
    (Name: "d512 6 layers 32k vocab", Hidden: 512, Layers: 6, Heads: 8, Vocab: 32000, Batch: 4, PyTorch: 679.0),
};
var memory = new List<string>();
foreach (var run in runs.Select(run => reference is null ? run : run with { PyTorch = reference[run.Name] }))
{
    var config = BenchModels.Gpt2(run.Hidden, run.Layers, run.Heads, run.Vocab, Context);
    using var model = new CausalLanguageModel(config);
    var settings = new FinetuneConfig
    {
        BatchSize = run.Batch,
        MaxSteps = 1_000_000,
        LearningRate = 1e-4,
        WarmupRatio = 0,
        MaxGradNorm = clip ? 1.0 : 0,
        Threads = threads,
    };
    using var trainer = new Trainer(model, model.named_parameters().ToList(), settings,
        StepTimer.RandomData(config.VocabSize, Context, run.Batch * 64), CPU);
    var first = run.Name == runs[0].Name;
    var steps = first ? Math.Max(memorySteps, Warmup + Timed) : Warmup + Timed;
    var (seconds, cpuSeconds) = (new List<double>(), new List<double>());
    for (var step = 0; step < steps; step++)
    {
        var clock = Stopwatch.StartNew();
        var cpu = CpuSeconds();
        trainer.Step(step);
        if (step >= Warmup && step < Warmup + Timed)
        {
            seconds.Add(clock.Elapsed.TotalSeconds);
            cpuSeconds.Add((CpuSeconds() - cpu) / threads);
        }
        if (gcSteps > 0 && (step + 1) % gcSteps == 0)
        {
            GC.Collect();
        }
        if (first && (step + 1 == 50 || step + 1 == memorySteps))
        {
            var live = NativeHeap.LiveBytes() is { } bytes ? $"{bytes / 1048576.0:N0} MB" : "unknown";
            memory.Add($"after {step + 1} steps: resident memory {ResidentMegabytes():N0} MB, " +
                $"live native allocations {live}");
        }
    }
    var (wall, cpuTime) = (run.Batch * Context / Median(seconds), run.Batch * Context / Median(cpuSeconds));
    Console.WriteLine($"{run.Name,-24} {config.ParameterCount(),11:N0} {run.Batch,5} {wall,9:N0} " +
        $"{wall / run.PyTorch,6:F2} {cpuTime,18:N0} {cpuTime / run.PyTorch,6:F2} {run.PyTorch,8:N0}");
}
Console.WriteLine($"load average after: {LoadAverage()}");
Console.WriteLine();
memory.ForEach(Console.WriteLine);

// Runs the PyTorch side with the system Python, whose lines read "NAME batch B: X tokens/s".
static Dictionary<string, double> MeasurePyTorch()
{
    var script = Path.Combine(AppContext.BaseDirectory, "pytorch_reference.py");
    using var python = Process.Start(new ProcessStartInfo("/usr/bin/python3", [script])
    {
        RedirectStandardOutput = true,
    }) ?? throw new InvalidOperationException("could not start /usr/bin/python3");
    var output = python.StandardOutput.ReadToEnd();
    python.WaitForExit();
    if (python.ExitCode != 0)
    {
        throw new InvalidOperationException($"{script} exited with {python.ExitCode} (is python3-torch installed?)");
    }
    return Regex.Matches(output, @"^(?<name>.+?) +batch \d+: (?<rate>[\d,.]+) tokens/s$", RegexOptions.Multiline)
        .ToDictionary(match => match.Groups["name"].Value, match => double.Parse(match.Groups["rate"].Value,
            System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture));
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length
        ? int.Parse(args[index + 1], System.Globalization.CultureInfo.InvariantCulture)
        : fallback;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
}

static double CpuSeconds()
{
    using var process = Process.GetCurrentProcess();
    return process.TotalProcessorTime.TotalSeconds;
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static double ResidentMegabytes()
{
    using var process = Process.GetCurrentProcess();
    return process.WorkingSet64 / 1048576.0;
}
