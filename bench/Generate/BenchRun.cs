using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using SelfInstruct.Generate.Configuration;
using SelfInstruct.Generate.Pipeline;
using SelfInstruct.Generate.Prompts;

namespace SelfInstruct.Bench.Generate;

/// <summary>
/// Runs the generate pipeline in one fresh folder, size after size (each run resumes the last), and measures each
/// step: requests, accepted tasks, wall time, our CPU time and the tokens the model counted.
/// </summary>
internal sealed class BenchRun(IReadOnlyList<SeedTask> seeds, PromptTemplates templates, string folder)
{
    private StepUsage _used = StepUsage.None;
    private int _accepted;

    public async Task<Step> RunToAsync(
        IChatClient model, GenerationConfig config, IProgress<GenerationProgress>? progress = null)
    {
        var pipeline = new GenerationPipeline(model, config, templates, NullLogger<GenerationPipeline>.Instance);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var result = await pipeline.RunAsync(seeds, folder, progress, CancellationToken.None);
        wall.Stop();
        var cpuTime = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var used = result.Progress.TotalUsage;
        var step = new Step(seeds.Count + result.Tasks.Count, used.Requests - _used.Requests,
            result.Tasks.Count - _accepted, wall.Elapsed, cpuTime, used.InputTokens - _used.InputTokens,
            used.OutputTokens - _used.OutputTokens);
        (_used, _accepted) = (used, result.Tasks.Count);
        return step;
    }

    /// <summary>What one run to a size did.</summary>
    public sealed record Step(
        int Pool, long Requests, int Accepted, TimeSpan Wall, TimeSpan Cpu, long InputTokens, long OutputTokens)
    {
        public double RequestsPerSecond => Requests / Wall.TotalSeconds;
    }
}
