using Microsoft.Extensions.AI;
using SelfInstruct.Backends;
using SelfInstruct.Tests.Fakes;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Backends;

/// <summary>The real OpenAI package, through our backend, against a loopback server the test controls.</summary>
public sealed class OpenAIBackendTests
{
    private const string Key = "sk-test-0123456789abcdef";
    private const string KeyVariable = "SELFINSTRUCT_TEST_BACKEND_KEY";

    private static readonly ChatOptions _options = new()
    {
        Temperature = 0.7f,
        TopP = 0.5f,
        PresencePenalty = 2f,
        MaxOutputTokens = 64,
        StopSequences = ["\n\n", "16."],
    };

    [Fact]
    public async Task Sends_chat_requests_with_the_sampling_settings_and_reads_text_usage_and_finish_reason()
    {
        using var server = new FakeOpenAIServer(_ => FakeOpenAIServer.Chat("9. Name a color.", "length"));
        using var client = Create(Options(server), KeyEnvironment);

        var response = await client.GetResponseAsync("1. Write a poem.\n2.", _options);

        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {Key}", request.Authorization);
        Assert.Equal(0.5, request.Body["top_p"]!.GetValue<double>(), 6);
        Assert.Equal(2.0, request.Body["presence_penalty"]!.GetValue<double>(), 6);
        Assert.Equal("9. Name a color.", response.Text);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(18, response.Usage!.TotalTokenCount);
    }

    [Fact]
    public async Task Sends_plain_completions_to_the_completions_endpoint_for_base_models()
    {
        using var server = new FakeOpenAIServer(_ => FakeOpenAIServer.Completion(" Name a color.\n10.", "length"));
        using var client = Create(Options(server) with { Api = OpenAIApi.Completions }, KeyEnvironment);

        var response = await client.GetResponseAsync("Come up with a series of tasks:\n1.", _options);

        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/completions", request.Path);
        Assert.Equal("Come up with a series of tasks:\n1.", request.Body["prompt"]!.GetValue<string>());
        Assert.Equal(64, request.Body["max_tokens"]!.GetValue<int>());
        Assert.Equal(["\n\n", "16."], request.Body["stop"]!.AsArray().Select(stop => stop!.GetValue<string>()));
        Assert.Equal(" Name a color.\n10.", response.Text);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(7, response.Usage!.OutputTokenCount);
    }

    [Fact]
    public async Task Retries_after_a_429_as_retry_after_says()
    {
        var attempts = 0;
        using var server = new FakeOpenAIServer(_ => ++attempts == 1
            ? FakeOpenAIServer.Error(429, ("Retry-After", "1"))
            : FakeOpenAIServer.Chat("ok"));
        using var client = Create(Options(server), KeyEnvironment);

        var response = await client.GetResponseAsync("hello", _options);

        Assert.Equal("ok", response.Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Theory]
    [InlineData(500, BackendException.ServerError, false)]
    [InlineData(429, BackendException.RateLimited, false)]
    [InlineData(401, BackendException.Unauthorized, true)]
    [InlineData(404, BackendException.NotFound, true)]
    [InlineData(400, BackendException.BadRequest, false)]
    public async Task Reports_error_statuses_by_reason_without_the_key(int status, string reason, bool fatal)
    {
        using var server = new FakeOpenAIServer(_ => FakeOpenAIServer.Error(status, ("Retry-After", "0")));
        using var client = Create(Options(server) with { MaxRetries = 1 }, KeyEnvironment);

        var exception = await Assert.ThrowsAsync<BackendException>(() => client.GetResponseAsync("hello", _options));

        Assert.Equal(reason, exception.Reason);
        Assert.Equal(fatal, exception.IsFatal);
        Assert.Contains(server.BaseUrl.AbsoluteUri, exception.Message);
        Assert.DoesNotContain(Key, exception.ToString());
    }

    [Theory]
    [InlineData("retry-after-ms", "2500", 2.5)]
    [InlineData("Retry-After", "3", 3.0)]
    public async Task Retries_what_the_sdk_gave_up_on_waiting_as_the_server_asks(
        string header, string value, double seconds)
    {
        var attempts = 0;
        using var server = new FakeOpenAIServer(_ => Interlocked.Increment(ref attempts) <= 2
            ? FakeOpenAIServer.Error(503, (header, value))
            : FakeOpenAIServer.Chat("ok"));
        using var client = Create(Options(server) with { MaxRetries = 0 }, KeyEnvironment);

        var response = await client.GetResponseAsync("hello", _options);

        Assert.Equal("ok", response.Text);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(seconds)], _waits);
        var record = TransportAttempts.Of(response);
        Assert.Equal(3, record.Count);
        Assert.Equal([BackendException.ServerError, BackendException.ServerError], record.Faults);
        Assert.Equal(TimeSpan.FromSeconds(2 * seconds), record.Waited);
    }

    [Fact]
    public async Task Retries_a_cut_off_body_and_a_200_without_choices()
    {
        var attempts = 0;
        using var server = new FakeOpenAIServer(_ => Interlocked.Increment(ref attempts) switch
        {
            1 => new FakeOpenAIReply(200, "{\"choices\": [{\"message\""),
            2 => new FakeOpenAIReply(200, "{\"id\": \"x\", \"object\": \"chat.completion\", \"created\": 0, " +
                "\"model\": \"fake-model\", \"choices\": []}"),
            _ => FakeOpenAIServer.Chat("whole"),
        });
        using var client = Create(Options(server), KeyEnvironment);

        var response = await client.GetResponseAsync("hello", _options);

        Assert.Equal("whole", response.Text);
        Assert.Equal(
            [BackendException.MalformedResponse, BackendException.MalformedResponse],
            TransportAttempts.Of(response).Faults);
    }

    [Fact]
    public async Task Gives_up_after_the_attempts_with_capped_exponential_backoff()
    {
        using var server = new FakeOpenAIServer(_ => FakeOpenAIServer.Error(500));
        using var client = Create(Options(server) with { MaxRetries = 0, MaxAttempts = 4 }, KeyEnvironment);

        var exception = await Assert.ThrowsAsync<BackendException>(() => client.GetResponseAsync("hello", _options));

        Assert.Equal(BackendException.ServerError, exception.Reason);
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(4, exception.Attempts!.Count);
        Assert.Contains("after 4 attempts", exception.Message, StringComparison.Ordinal);
        // 1 s, 2 s, 4 s before attempts 2, 3 and 4, each jittered to between half and all of it.
        Assert.Equal(3, _waits.Count);
        Assert.All(_waits.Zip([1.0, 2.0, 4.0]), pair => Assert.InRange(pair.First.TotalSeconds, pair.Second / 2,
            pair.Second));
    }

    [Theory]
    [InlineData(401)]
    [InlineData(400)]
    public async Task Never_retries_a_refused_key_or_a_rejected_request(int status)
    {
        using var server = new FakeOpenAIServer(_ => FakeOpenAIServer.Error(status));
        using var client = Create(Options(server) with { MaxRetries = 0 }, KeyEnvironment);

        await Assert.ThrowsAsync<BackendException>(() => client.GetResponseAsync("hello", _options));

        Assert.Single(server.Requests);
        Assert.Empty(_waits);
    }

    [Fact]
    public async Task Reports_a_stall_past_the_request_timeout()
    {
        using var server = new FakeOpenAIServer(_ =>
            FakeOpenAIServer.Chat("late") with { Delay = TimeSpan.FromSeconds(5) });
        using var client = Create(Options(server) with
        {
            RequestTimeout = TimeSpan.FromMilliseconds(300),
            MaxRetries = 0,
            MaxAttempts = 2,
        }, KeyEnvironment);

        var exception = await Assert.ThrowsAsync<BackendException>(() => client.GetResponseAsync("hello", _options));

        Assert.Equal(BackendException.Timeout, exception.Reason);
    }

    [Theory]
    [InlineData(OpenAIApi.Chat)]
    [InlineData(OpenAIApi.Completions)]
    public async Task Reports_malformed_json(OpenAIApi api)
    {
        using var server = new FakeOpenAIServer(_ => new FakeOpenAIReply(200, "{\"choices\": [{\"broken"));
        using var client = Create(Options(server) with { Api = api }, KeyEnvironment);

        var exception = await Assert.ThrowsAsync<BackendException>(() => client.GetResponseAsync("hello", _options));

        Assert.Equal(BackendException.MalformedResponse, exception.Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Reports_an_unreachable_server_as_fatal(int maxRetries)
    {
        Uri baseUrl;
        using (var server = new FakeOpenAIServer(_ => FakeOpenAIServer.Chat("never")))
        {
            baseUrl = server.BaseUrl;
        }
        using var client = Create(
            new OpenAIBackendOptions("fake-model", baseUrl, KeyVariable, MaxRetries: maxRetries), KeyEnvironment);

        var exception = await Assert.ThrowsAsync<BackendException>(() => client.GetResponseAsync("hello", _options));

        Assert.Equal(BackendException.Unreachable, exception.Reason);
        Assert.True(exception.IsFatal);
        Assert.DoesNotContain(Key, exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_a_repeated_request_from_the_disk_cache_even_in_a_new_process()
    {
        using var folder = new TemporaryFolder();
        using var server = new FakeOpenAIServer(_ => FakeOpenAIServer.Chat("cached answer"));
        var options = Options(server) with { CacheDirectory = folder.File("cache") };

        using (var first = Create(options, KeyEnvironment))
        {
            await first.GetResponseAsync("hello", _options);
        }
        using var second = Create(options, KeyEnvironment);
        var response = await second.GetResponseAsync("hello", _options);
        await second.GetResponseAsync("something else", _options);

        Assert.Equal("cached answer", response.Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public void Names_the_key_variable_when_it_is_unset_and_no_base_url_is_given()
    {
        var options = new OpenAIBackendOptions("gpt-4o-mini", null, "SELFINSTRUCT_TEST_UNSET_KEY_VARIABLE");

        var exception = Assert.Throws<InvalidOperationException>(() => Create(options, KeyEnvironment));

        Assert.Contains("set the environment variable SELFINSTRUCT_TEST_UNSET_KEY_VARIABLE", exception.Message,
            StringComparison.Ordinal);
        Assert.Contains("--api-key-env", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reaches_a_server_at_a_base_url_without_a_key()
    {
        using var server = new FakeOpenAIServer(_ => FakeOpenAIServer.Chat("ok"));
        using var client = Create(
            Options(server) with { ApiKeyVariable = "SELFINSTRUCT_TEST_UNSET_KEY_VARIABLE" }, KeyEnvironment);

        var response = await client.GetResponseAsync("hello", _options);

        Assert.Equal("ok", response.Text);
        Assert.Equal("Bearer no-key", Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public async Task Keeps_the_key_out_of_the_options_and_of_a_refusal()
    {
        using var server = new FakeOpenAIServer(_ => FakeOpenAIServer.Error(401));
        var options = Options(server);
        using var client = Create(options, KeyEnvironment);

        var exception = await Assert.ThrowsAsync<BackendException>(() => client.GetResponseAsync("hello", _options));

        Assert.Equal($"Bearer {Key}", Assert.Single(server.Requests).Authorization);
        Assert.Contains(KeyVariable, options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, exception.ToString(), StringComparison.Ordinal);
    }

    private readonly List<TimeSpan> _waits = [];

    // Backoff is recorded, not waited: the tests check what the client would wait, never the clock.
    private IChatClient Create(OpenAIBackendOptions options, Func<string, string?> environment) =>
        OpenAIBackend.Create(options, environment, (delay, _) =>
        {
            lock (_waits)
            {
                _waits.Add(delay);
            }
            return Task.CompletedTask;
        });

    private static OpenAIBackendOptions Options(FakeOpenAIServer server) =>
        new("fake-model", server.BaseUrl, KeyVariable, RequestTimeout: TimeSpan.FromSeconds(10));

    private static string? KeyEnvironment(string variable) => variable == KeyVariable ? Key : null;
}
