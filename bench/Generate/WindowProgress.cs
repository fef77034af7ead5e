using System.Diagnostics;
using SelfInstruct.Generate.Pipeline;

namespace SelfInstruct.Bench.Generate;

/// <summary>
/// A progress sink, as the command's view is, that notes wall time, our CPU time and requests when the run first
/// reports <see cref="From"/> accepted tasks and when it ends: the steady rate over that stretch of one run, without
/// the start (journal replay) or the end (the final dataset write) of a run.
/// </summary>
internal sealed class WindowProgress(int from) : IProgress<GenerationProgress>
{
    private (TimeSpan Wall, TimeSpan Cpu, long Requests, int Accepted)? _start;
    private (TimeSpan Wall, TimeSpan Cpu, long Requests, int Accepted) _last;

    public int From { get; } = from;

    public void Report(GenerationProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Accepted < From)
        {
            return;
        }
        var point = (value.Elapsed, Process.GetCurrentProcess().TotalProcessorTime, value.TotalUsage.Requests,
            value.Accepted);
        _start ??= point;
        _last = point;
    }

    /// <summary>Requests, wall time and CPU time from the first report at <see cref="From"/> to the last one.</summary>
    public (long Requests, int Accepted, TimeSpan Wall, TimeSpan Cpu) Window()
    {
        var start = _start ?? throw new InvalidOperationException($"the run never reached {From} accepted tasks");
        return (_last.Requests - start.Requests, _last.Accepted - start.Accepted, _last.Wall - start.Wall,
            _last.Cpu - start.Cpu);
    }
}
