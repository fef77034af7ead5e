using SelfInstruct.Backends;
using SelfInstruct.Generate.Pipeline;
using Xunit;

namespace SelfInstruct.Tests.Generate.Pipeline;

public sealed class RequestUsageTests
{
    private static readonly ModelReply _reply = new("key", "text", false, 11, 4);

    [Fact]
    public void Counts_exactly_what_many_threads_start_finish_and_reuse()
    {
        var usage = new RequestUsage(new Dictionary<GenerationStep, StepUsage>());

        Parallel.For(0, 2000, index =>
        {
            if (index % 4 == 0)
            {
                usage.Reuse(GenerationStep.Instances, _reply);
                return;
            }
            Assert.True(usage.TryStart((_, _) => false));
            usage.Finish(GenerationStep.Instructions, index % 4 == 1 ? null : _reply, TransportAttempts.First);
        });

        Assert.Equal((new StepUsage(1500, 16500, 6000), 0), usage.Current);
        Assert.Equal(new StepUsage(1000, 11000, 4000), usage.ByStep[GenerationStep.Instructions]);
        Assert.Equal(new StepUsage(500, 5500, 2000), usage.ByStep[GenerationStep.Instances]);
    }

    [Fact]
    public void Starts_no_request_the_budget_refuses_and_counts_those_in_flight()
    {
        var usage = new RequestUsage(new Dictionary<GenerationStep, StepUsage>
        {
            [GenerationStep.Instructions] = new(3, 30, 6),
        });

        var started = Enumerable.Range(0, 5)
            .Count(_ => usage.TryStart((used, inFlight) => used.Requests + inFlight >= 5));

        Assert.Equal(2, started);
        Assert.Equal((new StepUsage(3, 30, 6), 2), usage.Current);
    }

    [Fact]
    public async Task Completes_the_change_task_at_the_next_change()
    {
        var usage = new RequestUsage(new Dictionary<GenerationStep, StepUsage>());
        var changed = usage.NextChangeAsync();
        var unchanged = changed.IsCompleted;

        usage.Reuse(GenerationStep.Classification, _reply);

        Assert.False(unchanged);
        await changed.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
