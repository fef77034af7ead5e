using SelfInstruct.Bench.Model;
using SelfInstruct.Model;
using TorchSharp;
using static TorchSharp.torch;

// Model benchmark: prefill tokens/s and decode tokens/s with and without the KV cache, at batch 1 and 8, for the
// tiny Llama preset and a ~30M-parameter Llama (the small preset with an 8,192-token vocabulary), in float32.
// Decode starts from a 256-token context and times the next 32 tokens per row with the cache and the next 8 without
// it (greedy); each figure is the best of three runs, because a shared machine's load only ever slows a run down.
// Usage: dotnet run -c Release --project bench/Model [-- --device cuda]; -- --load-memory instead measures the peak
// memory of loading a bf16 checkpoint (see LoadMemory.cs); -- --families compares every family at one size (see
// FamilyThroughput.cs).

if (args is ["--load-memory", ..])
{
    SelfInstruct.Bench.Model.LoadMemory.Run(args[1..]);
    return;
}
if (args is ["--families", ..])
{
    SelfInstruct.Bench.Model.FamilyThroughput.Run();
    return;
}

const int Context = 256;
const int NewTokens = 32;
const int RecomputedTokens = 8;
const int Runs = 3;
var device = args.Length == 2 && args[0] == "--device" ? new Device(args[1]) : CPU;
var configs = new[]
{
    ("tiny llama", ModelPresets.Create(ModelArchitecture.Llama, ModelPreset.Tiny, 257) with { MaxPositions = 512 }),
    ("~30M llama", ModelPresets.Create(ModelArchitecture.Llama, ModelPreset.Small, 8192)),
};
Console.WriteLine($"{Environment.ProcessorCount} cores, {torch.get_num_threads()} torch threads, " +
    $"device {device.type}; context {Context} tokens, float32, best of {Runs} runs");
Console.WriteLine();
Console.WriteLine($"{"model",-12} {"parameters",12} {"batch",5} {"prefill tok/s",14} {"decode tok/s",13} " +
    $"{"no cache tok/s",15} {"cache speed-up",15}");
foreach (var (name, config) in configs)
{
    using var model = new CausalLanguageModel(config);
    model.to(device);
    model.eval();
    foreach (var batch in new[] { 1, 8 })
    {
        Throughput.Measure(model, batch, Context, 1, 1);
        var runs = Enumerable.Range(0, Runs)
            .Select(_ => Throughput.Measure(model, batch, Context, NewTokens, RecomputedTokens)).ToList();
        var (prefill, cached, recomputed) = (runs.Max(run => run.Prefill), runs.Max(run => run.Cached),
            runs.Max(run => run.Recomputed));
        Console.WriteLine($"{name,-12} {config.ParameterCount(),12:N0} {batch,5} {prefill,14:N0} {cached,13:N0} " +
            $"{recomputed,15:N0} {cached / recomputed,14:F1}x");
    }
}
