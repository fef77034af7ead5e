using SelfInstruct.Evaluate.Models;
using SelfInstruct.Tests.Fakes;
using Xunit;

namespace SelfInstruct.Tests.Evaluate.Models;

public sealed class EndpointAnswererTests
{
    [Fact]
    public async Task Keeps_at_most_the_configured_number_of_requests_in_flight()
    {
        var probe = new ConcurrencyProbe(limit: 2);
        using var answerer = new EndpointAnswerer(probe.Client, maxNewTokens: 8, concurrency: 2);
        var prompts = Enumerable.Range(0, 8).Select(index => new PendingPrompt($"i{index}", $"prompt {index}")).ToList();
        var answered = 0;

        await answerer.AnswerAsync(prompts, _ =>
        {
            Interlocked.Increment(ref answered);
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal(8, answered);
        Assert.Equal(2, probe.MaxInFlight);
    }
}
