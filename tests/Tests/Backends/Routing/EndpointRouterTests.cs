using Microsoft.Extensions.AI;
using SelfInstruct.Backends;
using SelfInstruct.Backends.Routing;
using SelfInstruct.Tests.Fakes;
using Xunit;

namespace SelfInstruct.Tests.Backends.Routing;

public sealed class EndpointRouterTests
{
    private static readonly EndpointCoolDown _coolDown = new(2, TimeSpan.FromSeconds(30));

    private readonly ManualClock _clock = new();

    [Fact]
    public async Task Sends_each_request_to_the_endpoint_with_the_fewest_in_flight_for_its_weight()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var light = Held(gate);
        var heavy = Held(gate);
        using var router = Router(new RoutedEndpoint("light", light), new RoutedEndpoint("heavy", heavy, Weight: 2));

        var requests = Enumerable.Range(0, 6).Select(index => router.GetResponseAsync($"request {index}")).ToList();
        gate.SetResult();
        await Task.WhenAll(requests);

        Assert.Equal(2, light.Requests.Count);
        Assert.Equal(4, heavy.Requests.Count);
    }

    [Fact]
    public async Task Shares_a_light_load_evenly_between_equal_endpoints()
    {
        var first = Answering("first");
        var second = Answering("second");
        using var router = Router(new RoutedEndpoint("first", first), new RoutedEndpoint("second", second));

        for (var index = 0; index < 6; index++)
        {
            await router.GetResponseAsync($"request {index}");
        }

        Assert.Equal(3, first.Requests.Count);
        Assert.Equal(3, second.Requests.Count);
    }

    [Fact]
    public async Task Moves_a_failed_request_to_another_endpoint_and_sets_a_failing_one_aside_until_the_cool_down_ends()
    {
        var failing = Failing(BackendException.ServerError, isFatal: false);
        var healthy = Answering("healthy");
        using var router = Router(new RoutedEndpoint("failing", failing), new RoutedEndpoint("healthy", healthy));

        var answers = new List<string>();
        for (var index = 0; index < 8; index++)
        {
            answers.Add((await router.GetResponseAsync($"request {index}")).Text);
        }
        var asideFor = failing.Requests.Count;
        _clock.Advance(TimeSpan.FromSeconds(31));
        await router.GetResponseAsync("after the cool-down");
        await router.GetResponseAsync("set aside again");

        Assert.All(answers, answer => Assert.Equal("healthy", answer));
        Assert.Equal(2, asideFor);
        Assert.Equal(3, failing.Requests.Count);
        var statistics = router.Statistics();
        Assert.Equal(new EndpointStatistics("failing", 3, 3, 2, TimeSpan.Zero, TimeSpan.Zero), statistics[0]);
        Assert.Equal((10L, 0L, 0), (statistics[1].Requests, statistics[1].Failures, statistics[1].SetAside));
    }

    [Fact]
    public async Task Passes_a_retryable_failure_on_when_every_endpoint_failed_even_if_another_was_fatal()
    {
        using var router = Router(
            new RoutedEndpoint("busy", Failing(BackendException.RateLimited, isFatal: false)),
            new RoutedEndpoint("gone", Failing(BackendException.Unreachable, isFatal: true)));

        var exception = await Assert.ThrowsAsync<BackendException>(() => router.GetResponseAsync("hello"));

        Assert.Equal(BackendException.RateLimited, exception.Reason);
    }

    [Fact]
    public async Task Passes_a_fatal_failure_on_when_every_endpoint_failed_so()
    {
        using var router = Router(
            new RoutedEndpoint("gone", Failing(BackendException.Unreachable, isFatal: true)),
            new RoutedEndpoint("also gone", Failing(BackendException.Unreachable, isFatal: true)));

        var exception = await Assert.ThrowsAsync<BackendException>(() => router.GetResponseAsync("hello"));

        Assert.True(exception.IsFatal);
    }

    [Fact]
    public async Task Never_moves_a_refused_request_to_another_endpoint_nor_sets_the_endpoint_aside()
    {
        var refusing = Failing(BackendException.BadRequest, isFatal: false);
        var other = Answering("other");
        using var router = Router(new RoutedEndpoint("refusing", refusing), new RoutedEndpoint("other", other));

        for (var index = 0; index < 3; index++)
        {
            await Assert.ThrowsAsync<BackendException>(() => router.GetResponseAsync("far too long", Options(1)));
            await router.GetResponseAsync("fine");
        }

        Assert.Equal(3, refusing.Requests.Count);
        Assert.Equal(0, router.Statistics()[0].SetAside);
        Assert.Equal(3, router.Statistics()[0].Failures);
    }

    [Fact]
    public async Task Keeps_to_each_endpoints_concurrency_holding_a_request_until_a_slot_frees()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = Held(gate);
        using var router = Router(new RoutedEndpoint("one at a time", held, Concurrency: 1));

        var first = router.GetResponseAsync("first");
        var second = router.GetResponseAsync("second");
        var sentBeforeRelease = held.Requests.Count;
        gate.SetResult();
        await Task.WhenAll(first, second);

        Assert.Equal(1, sentBeforeRelease);
        Assert.Equal(2, held.Requests.Count);
    }

    [Fact]
    public async Task Measures_each_endpoints_latency_by_its_clock()
    {
        var fast = Taking(TimeSpan.FromMilliseconds(10));
        var slow = new FakeChatClient((prompt, _) =>
        {
            _clock.Advance(TimeSpan.FromMilliseconds(prompt == "hhh" ? 400 : 100));
            return FakeChatClient.Reply("slow");
        });
        using var router = Router(new RoutedEndpoint("fast", fast), new RoutedEndpoint("slow", slow));

        foreach (var prompt in new[] { "a", "bb", "ccc", "dd", "eee", "ffff", "g", "hhh" })
        {
            await router.GetResponseAsync(prompt);
        }

        var statistics = router.Statistics();
        Assert.Equal((4L, TimeSpan.FromMilliseconds(10)), (statistics[0].Requests, statistics[0].MeanLatency));
        // The slow endpoint took every second prompt: 100, 100, 100 and 400 ms.
        Assert.Equal(TimeSpan.FromMilliseconds(175), statistics[1].MeanLatency);
        Assert.Equal(TimeSpan.FromMilliseconds(400), statistics[1].P95Latency);
    }

    [Fact]
    public async Task Routes_a_stream_and_counts_a_failed_one_against_its_endpoint()
    {
        var failing = Failing(BackendException.ServerError, isFatal: false);
        var healthy = Answering("streamed");
        using var router = Router(new RoutedEndpoint("failing", failing), new RoutedEndpoint("healthy", healthy));

        await Assert.ThrowsAsync<BackendException>(async () =>
        {
            await foreach (var _ in router.GetStreamingResponseAsync("first"))
            {
            }
        });
        var text = new StringBuilder();
        await foreach (var update in router.GetStreamingResponseAsync("second"))
        {
            text.Append(update.Text);
        }

        Assert.Equal("streamed", text.ToString());
        Assert.Equal((1L, 1L), (router.Statistics()[0].Requests, router.Statistics()[0].Failures));
        Assert.Equal((1L, 0L), (router.Statistics()[1].Requests, router.Statistics()[1].Failures));
    }

    [Fact]
    public void Is_found_through_the_middleware_of_the_openai_backend()
    {
        using var client = OpenAIBackend.Create(new OpenAIBackendOptions("fake-model", null, "KEY",
            Endpoints: [new OpenAIEndpoint(new Uri("http://127.0.0.1:9/v1")), new(new Uri("http://127.0.0.1:10/v1"))],
            CacheDirectory: null), _ => null);

        var router = client.GetService<EndpointRouter>();

        Assert.Equal(["http://127.0.0.1:9/v1", "http://127.0.0.1:10/v1"],
            router!.Statistics().Select(endpoint => endpoint.Name));
    }

    private EndpointRouter Router(params RoutedEndpoint[] endpoints) => new(endpoints, _coolDown, _clock);

    private static ChatOptions Options(int maxTokens) => new() { MaxOutputTokens = maxTokens };

    private static FakeChatClient Answering(string text) => new((_, _) => FakeChatClient.Reply(text));

    private FakeChatClient Taking(TimeSpan latency) => new((_, _) =>
    {
        _clock.Advance(latency);
        return FakeChatClient.Reply("answer");
    });

    private static FakeChatClient Held(TaskCompletionSource gate) => new(async (_, _, token) =>
    {
        await gate.Task.WaitAsync(token);
        return FakeChatClient.Reply("released");
    });

    private static FakeChatClient Failing(string reason, bool isFatal) =>
        new((_, _) => throw new BackendException(reason, $"fake {reason}", isFatal));
}
