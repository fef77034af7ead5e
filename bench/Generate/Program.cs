using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using SelfInstruct.Bench.Generate;
using SelfInstruct.Generate.Configuration;
using SelfInstruct.Generate.Pipeline;
using SelfInstruct.Generate.Prompts;

// The generate pipeline against a zero-latency model: requests per second and our own CPU time per request as the
// pool grows. Usage: dotnet run -c Release --project bench/Generate [-- TARGET [STEP]]; run from the repository root.
var target = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var step = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : Math.Max(1, target / 5);
var seeds = await SeedTaskJsonl.ReadAsync(Path.Combine("data", "seed_tasks.jsonl"), CancellationToken.None);
var templates = await PromptTemplates.LoadAsync(null, CancellationToken.None);
var folder = Path.Combine(Path.GetTempPath(), "selfinstruct-bench-" + Guid.NewGuid().ToString("N"));
using var model = new InstantModel();
Console.WriteLine($"{"pool",8} {"requests",9} {"req/s",8} {"CPU ms/req",11} {"wall ms/req",12}");
try
{
    long requests = 0;
    for (var size = step; size <= target; size += step)
    {
        var config = new GenerationConfig { NumInstructions = size, Concurrency = 16 };
        var pipeline = new GenerationPipeline(model, config, templates, NullLogger<GenerationPipeline>.Instance);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var result = await pipeline.RunAsync(seeds, folder, null, CancellationToken.None);
        wall.Stop();
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        var sent = result.Progress.TotalUsage.Requests - requests;
        requests = result.Progress.TotalUsage.Requests;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{seeds.Count + size,8} {sent,9} {sent / wall.Elapsed.TotalSeconds,8:F0} {cpuMs / sent,11:F3} " +
            $"{wall.Elapsed.TotalMilliseconds / sent,12:F3}"));
    }
}
finally
{
    Directory.Delete(folder, recursive: true);
}
