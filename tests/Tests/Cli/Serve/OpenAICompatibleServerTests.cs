using System.ClientModel;
using System.Net;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using SelfInstruct.Backends;
using SelfInstruct.Cli.Serve;
using SelfInstruct.Tests.Fakes;
using Xunit;

namespace SelfInstruct.Tests.Cli.Serve;

/// <summary>The OpenAI package, unchanged, against our server over loopback.</summary>
public sealed class OpenAICompatibleServerTests
{
    private const string Model = "tiny-tuned";

    [Fact]
    public async Task Answers_chat_requests_from_the_openai_package_with_usage_and_the_sampling_settings()
    {
        var chat = new FakeChatClient((_, _) =>
            FakeChatClient.Reply("Paris", Microsoft.Extensions.AI.ChatFinishReason.Length, input: 5, output: 3));
        await using var server = await StartAsync(chat, new ServeOptions(Model, Port: 0));
        var client = OpenAIClientFor(server, "unused");

        var completion = (await client.GetChatClient(Model).CompleteChatAsync(
            [new UserChatMessage("Capital of France?")],
            new ChatCompletionOptions { Temperature = 0.25f, MaxOutputTokenCount = 12, StopSequences = { "\n" } }))
            .Value;

        Assert.Equal("Paris", completion.Content[0].Text);
        Assert.Equal(OpenAI.Chat.ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(8, completion.Usage.TotalTokenCount);
        var (prompt, options) = Assert.Single(chat.Requests);
        Assert.Equal("Capital of France?", prompt);
        Assert.Equal(0.25f, options!.Temperature);
        Assert.Equal(12, options.MaxOutputTokens);
        Assert.Equal(["\n"], options.StopSequences!);
    }

    [Fact]
    public async Task Streams_chat_answers_as_server_sent_events()
    {
        var chat = new FakeChatClient((_, _) => FakeChatClient.Reply("streamed answer"));
        await using var server = await StartAsync(chat, new ServeOptions(Model, Port: 0));
        var client = OpenAIClientFor(server, "unused").GetChatClient(Model);

        var text = new StringBuilder();
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("hi")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        Assert.Equal("streamed answer", text.ToString());
    }

    [Fact]
    public async Task Continues_raw_prompts_on_the_completions_endpoint()
    {
        var completions = new FakeChatClient((prompt, _) => FakeChatClient.Reply($"[{prompt}]"));
        var chat = new FakeChatClient((_, _) => FakeChatClient.Reply("wrong client"));
        await using var server = await StartAsync(chat, completions, new ServeOptions(Model, Port: 0));
        using var backend = OpenAIBackend.Create(new OpenAIBackendOptions(
            Model, new Uri(server.BaseAddress, "v1"), "SELFINSTRUCT_TEST_UNSET_KEY_VARIABLE", OpenAIApi.Completions),
            _ => null);

        var response = await backend.GetResponseAsync("Once upon a time");

        Assert.Equal("[Once upon a time]", response.Text);
    }

    [Fact]
    public async Task Lists_the_model()
    {
        await using var server = await StartAsync(
            new FakeChatClient((_, _) => FakeChatClient.Reply("")), new ServeOptions(Model, Port: 0));
        var client = OpenAIClientFor(server, "unused").GetOpenAIModelClient();

        var models = (await client.GetModelsAsync()).Value;

        Assert.Equal([Model], models.Select(model => model.Id));
    }

    [Theory]
    [InlineData("{\"model\": \"other\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}", 404,
        "model_not_found")]
    [InlineData("{\"model\": \"tiny-tuned\"}", 400, "'messages' must be a non-empty array")]
    [InlineData("{\"model\": \"tiny-tuned\", \"messages\": [{\"role\": \"robot\", \"content\": \"hi\"}]}", 400,
        "messages[0].role must be system, user or assistant")]
    [InlineData("not json", 400, "the body is not a valid request")]
    [InlineData("{\"model\": \"tiny-tuned\", \"n\": 2, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}",
        400, "only n = 1 is supported")]
    [InlineData("{\"model\": \"tiny-tuned\", \"logprobs\": true, \"messages\": [{\"role\": \"user\", " +
        "\"content\": \"hi\"}]}", 400, "'logprobs' is not supported")]
    [InlineData("{\"model\": \"tiny-tuned\", \"tools\": [], \"messages\": [{\"role\": \"user\", " +
        "\"content\": \"hi\"}]}", 400, "'tools' is not supported")]
    [InlineData("{\"model\": \"tiny-tuned\", \"max_tokens\": -3, \"messages\": [{\"role\": \"user\", " +
        "\"content\": \"hi\"}]}", 400, "'max_tokens' must be an integer of at least 1")]
    [InlineData("{\"model\": \"tiny-tuned\", \"max_tokens\": 2.5, \"messages\": [{\"role\": \"user\", " +
        "\"content\": \"hi\"}]}", 400, "'max_tokens' must be an integer")]
    [InlineData("{\"model\": \"tiny-tuned\", \"temperature\": 2.5, \"messages\": [{\"role\": \"user\", " +
        "\"content\": \"hi\"}]}", 400, "'temperature' must be a number from 0 to 2")]
    public async Task Answers_bad_requests_in_openai_error_shape(string body, int status, string detail)
    {
        await using var server = await StartAsync(
            new FakeChatClient((_, _) => FakeChatClient.Reply("")), new ServeOptions(Model, Port: 0));
        using var http = new HttpClient();

        using var response = await http.PostAsync(new Uri(server.BaseAddress, "v1/chat/completions"),
            new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(detail, error.RootElement.GetProperty("error").ToString());
    }

    [Fact]
    public async Task Refuses_a_body_over_one_mebibyte_without_calling_the_model()
    {
        var chat = new FakeChatClient((_, _) => FakeChatClient.Reply("never"));
        await using var server = await StartAsync(chat, new ServeOptions(Model, Port: 0));
        using var http = new HttpClient();
        var body = "{\"model\": \"tiny-tuned\", \"messages\": [{\"role\": \"user\", \"content\": \"" +
            new string('a', OpenAICompatibleServer.MaxBodyBytes) + "\"}]}";

        using var response = await http.PostAsync(new Uri(server.BaseAddress, "v1/chat/completions"),
            new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("over 1048576 bytes", await response.Content.ReadAsStringAsync());
        Assert.Empty(chat.Requests);
    }

    [Fact]
    public async Task Requires_the_bearer_key_when_one_is_set()
    {
        await using var server = await StartAsync(
            new FakeChatClient((_, _) => FakeChatClient.Reply("ok")),
            new ServeOptions(Model, Port: 0, ApiKey: "right-key"));

        var wrong = await Assert.ThrowsAsync<ClientResultException>(() =>
            OpenAIClientFor(server, "wrong-key").GetChatClient(Model).CompleteChatAsync([new UserChatMessage("hi")]));
        var right = await OpenAIClientFor(server, "right-key").GetChatClient(Model)
            .CompleteChatAsync([new UserChatMessage("hi")]);

        Assert.Equal(401, wrong.Status);
        Assert.Equal("ok", right.Value.Content[0].Text);
    }

    [Fact]
    public async Task Refuses_requests_beyond_the_queue_with_503()
    {
        var release = new TaskCompletionSource();
        var chat = new FakeChatClient(async (_, _, _) =>
        {
            await release.Task;
            return FakeChatClient.Reply("done");
        });
        await using var server = await StartAsync(chat, new ServeOptions(Model, Port: 0, MaxQueuedRequests: 1));
        using var http = new HttpClient();
        var body = "{\"model\": \"tiny-tuned\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";
        var url = new Uri(server.BaseAddress, "v1/chat/completions");

        var first = http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
        while (chat.Requests.Count == 0)
        {
            await Task.Delay(10);
        }
        using var second = await http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
        release.SetResult();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), second.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
    }

    [Fact]
    public async Task Under_ten_times_the_queue_every_request_gets_200_or_503_and_the_server_lives()
    {
        var release = new TaskCompletionSource();
        var chat = new FakeChatClient(async (_, _, _) =>
        {
            await release.Task;
            return FakeChatClient.Reply("done");
        });
        await using var server = await StartAsync(chat, new ServeOptions(Model, Port: 0, MaxQueuedRequests: 4));
        using var http = new HttpClient();
        var url = new Uri(server.BaseAddress, "v1/chat/completions");
        var body = "{\"model\": \"tiny-tuned\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";

        var requests = Enumerable.Range(0, 40)
            .Select(_ => http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json")))
            .ToList();
        // While the model holds four, every other request must be answered at once, and with 503.
        while (requests.Count(request => request.IsCompleted) < 36)
        {
            await Task.WhenAny(requests.Where(request => !request.IsCompleted));
        }
        var refused = requests.Where(request => request.IsCompleted).Select(request => request.Result.StatusCode)
            .ToList();
        release.SetResult();
        var statuses = (await Task.WhenAll(requests)).Select(response => response.StatusCode).ToList();
        using var after = await http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.All(refused, status => Assert.Equal(HttpStatusCode.ServiceUnavailable, status));
        Assert.Equal(4, statuses.Count(status => status == HttpStatusCode.OK));
        Assert.Equal(36, statuses.Count(status => status == HttpStatusCode.ServiceUnavailable));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_client_that_disconnects_frees_its_slot()
    {
        var hang = 1;
        var chat = new FakeChatClient(async (_, _, token) =>
        {
            if (Interlocked.Exchange(ref hang, 0) == 1)
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            return FakeChatClient.Reply("done");
        });
        await using var server = await StartAsync(chat, new ServeOptions(Model, Port: 0, MaxQueuedRequests: 1));
        using var http = new HttpClient();
        var url = new Uri(server.BaseAddress, "v1/chat/completions");
        var body = "{\"model\": \"tiny-tuned\", \"stream\": true, \"messages\": [{\"role\": \"user\", " +
            "\"content\": \"hi\"}]}";
        using var leaving = new CancellationTokenSource();

        var abandoned = http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"), leaving.Token);
        while (chat.Requests.Count == 0)
        {
            await Task.Delay(10);
        }
        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        // The server sees the disconnect asynchronously: ask until the slot is free, for at most 20 s.
        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 400 && status == HttpStatusCode.ServiceUnavailable; attempt++)
        {
            using var next = await http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
            status = next.StatusCode;
            if (status == HttpStatusCode.ServiceUnavailable)
            {
                await Task.Delay(50);
            }
        }

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Answers_a_prompt_the_model_refuses_with_400_not_a_crash()
    {
        Func<string, ChatOptions?, ChatResponse> refuse = (_, _) =>
            throw new ArgumentException("sequence length 1030 exceeds the context length 1024");
        var chat = new FakeChatClient(refuse);
        await using var server = await StartAsync(chat, new ServeOptions(Model, Port: 0));

        var exception = await Assert.ThrowsAsync<ClientResultException>(() =>
            OpenAIClientFor(server, "unused").GetChatClient(Model).CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(400, exception.Status);
        Assert.Contains("exceeds the context length", exception.Message);
    }

    private static Task<OpenAICompatibleServer> StartAsync(IChatClient chat, ServeOptions options) =>
        StartAsync(chat, chat, options);

    private static async Task<OpenAICompatibleServer> StartAsync(
        IChatClient chat, IChatClient completions, ServeOptions options)
    {
        var server = new OpenAICompatibleServer(chat, completions, options);
        await server.StartAsync(CancellationToken.None);
        return server;
    }

    private static OpenAIClient OpenAIClientFor(OpenAICompatibleServer server, string key) =>
        new(new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = new Uri(server.BaseAddress, "v1"),
            RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0),
        });
}
