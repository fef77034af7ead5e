using SelfInstruct.Model;
using TorchSharp;

namespace SelfInstruct.Bench.Model;

/// <summary>
/// Prefill and decode tokens/s of every family at the same size, the small preset (hidden 512, 8 layers, 8 heads)
/// with an 8,192-token vocabulary, in float32 at batch 1 on the CPU: prefill of a 256-token context, then 32 greedy
/// tokens through the KV cache. The families take turns, round after round, and each keeps its best round, so a
/// shared machine's load, which only ever slows a run down, falls on all of them alike.
/// Ratios are against Llama.
/// Usage: dotnet run -c Release --project bench/Model -- --families
/// </summary>
internal static class FamilyThroughput
{
    private const int Context = 256;
    private const int NewTokens = 32;
    private const int Rounds = 5;

    public static void Run()
    {
        Console.WriteLine($"{Environment.ProcessorCount} cores, {torch.get_num_threads()} torch threads; small " +
            $"preset, 8,192-token vocabulary, float32, batch 1, context {Context}, {NewTokens} new tokens, " +
            $"best of {Rounds} rounds");
        Console.WriteLine();
        Console.WriteLine($"{"family",-8} {"parameters",12} {"prefill tok/s",14} {"decode tok/s",13} " +
            $"{"prefill vs llama",17} {"decode vs llama",16}");
        var models = Enum.GetValues<ModelArchitecture>()
            .Select(architecture => new CausalLanguageModel(ModelPresets.Create(architecture, ModelPreset.Small, 8192)))
            .ToList();
        var best = models.Select(model =>
        {
            model.eval();
            Throughput.Measure(model, 1, Context, 1, 0);
            return (Prefill: 0.0, Decode: 0.0);
        }).ToArray();
        for (var round = 0; round < Rounds; round++)
        {
            for (var i = 0; i < models.Count; i++)
            {
                var run = Throughput.Measure(models[i], 1, Context, NewTokens, 0);
                best[i] = (Math.Max(best[i].Prefill, run.Prefill), Math.Max(best[i].Decode, run.Cached));
            }
        }
        var llama = best[models.FindIndex(model => model.Config.Architecture == ModelArchitecture.Llama)];
        for (var i = 0; i < models.Count; i++)
        {
            var config = models[i].Config;
            Console.WriteLine($"{EnumNames.Name(config.Architecture),-8} {config.ParameterCount(),12:N0} " +
                $"{best[i].Prefill,14:N0} {best[i].Decode,13:N0} {best[i].Prefill / llama.Prefill,16:F2}x " +
                $"{best[i].Decode / llama.Decode,15:F2}x");
            models[i].Dispose();
        }
    }
}
