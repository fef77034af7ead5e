using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Models;
using SelfInstruct.Cli.Serve;
using SelfInstruct.Model;
using SelfInstruct.Model.Chat;
using SelfInstruct.Model.Generation;
using SelfInstruct.Model.Tokenization;
using SelfInstruct.Tests.Model;
using Xunit;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace SelfInstruct.Tests.Cli.Serve;

/// <summary><c>selfinstruct serve</c>'s API over loopback, through the unchanged OpenAI package and plain HTTP.</summary>
[Collection(TorchSharpTests.Name)]
public sealed class OpenAiServerTests : IAsyncLifetime
{
    private const string ModelId = "tiny";
    private readonly LocalModel _model;
    private readonly LocalChatClient _client;
    private readonly List<WebApplication> _servers = [];

    public OpenAiServerTests()
    {
        var tokenizer = ModelTokenizer.CreateByteLevel();
        _model = LocalModel.Create(
            ModelPresets.Create(ModelArchitecture.Llama, ModelPreset.Tiny, tokenizer.VocabSize), tokenizer, seed: 21);
        _client = _model.CreateChatClient(ModelId);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
        _client.Dispose();
        _model.Dispose();
    }

    [Fact]
    public async Task Lists_its_model_to_the_openai_package()
    {
        var endpoint = await StartAsync(new ServeOptions());

        var models = await new OpenAIModelClient(new ApiKeyCredential("unused"), Options(endpoint)).GetModelsAsync();

        Assert.Equal([ModelId], models.Value.Select(model => model.Id));
    }

    [Fact]
    public async Task Answers_the_openai_chat_client_as_the_local_chat_client_does()
    {
        var endpoint = await StartAsync(new ServeOptions());
        var chat = new ChatClient(ModelId, new ApiKeyCredential("unused"), Options(endpoint));

        var completion = await chat.CompleteChatAsync([new UserChatMessage("Hello there")],
            new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 12 });
        var local = await _client.GetResponseAsync([new AiChatMessage(ChatRole.User, "Hello there")],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 12 });

        Assert.Equal(local.Text, completion.Value.Content[0].Text);
        Assert.Equal(local.Usage!.InputTokenCount, completion.Value.Usage.InputTokenCount);
        Assert.Equal(local.Usage.OutputTokenCount, completion.Value.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task Streams_chat_to_the_openai_package_as_server_sent_events()
    {
        var endpoint = await StartAsync(new ServeOptions());
        var chat = new ChatClient(ModelId, new ApiKeyCredential("unused"), Options(endpoint));
        var options = new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 20 };

        var whole = await chat.CompleteChatAsync([new UserChatMessage("Stream it")], options);
        var text = "";
        OpenAI.Chat.ChatFinishReason? finish = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Stream it")], options))
        {
            text += string.Concat(update.ContentUpdate.Select(part => part.Text));
            finish ??= update.FinishReason;
        }

        Assert.Equal(whole.Value.Content[0].Text, text);
        Assert.Equal(whole.Value.FinishReason, finish);
    }

    [Fact]
    public async Task Completes_a_list_of_prompts_as_one_batch_with_usage()
    {
        var endpoint = await StartAsync(new ServeOptions());
        using var http = new HttpClient();
        string[] prompts = ["Once", "Twice upon"];

        var response = await http.PostAsJsonAsync(new Uri(endpoint, "v1/completions"),
            new { model = ModelId, prompt = prompts, max_tokens = 5, temperature = 0 });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = await _client.CompleteAsync(prompts, GenerationOptions.Greedy(5),
            CancellationToken.None);
        Assert.Equal(expected.Select(result => result.Text),
            body["choices"]!.AsArray().Select(choice => choice!["text"]!.GetValue<string>()));
        Assert.Equal(4 + 10, body["usage"]!["prompt_tokens"]!.GetValue<int>());
        Assert.Equal(10, body["usage"]!["completion_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Streams_a_completion_as_server_sent_events_ending_with_done()
    {
        var endpoint = await StartAsync(new ServeOptions());
        using var http = new HttpClient();
        var request = new { prompt = "Stream", max_tokens = 9, temperature = 0, stream_options = new { include_usage = true } };

        var whole = JsonNode.Parse(await (await http.PostAsJsonAsync(new Uri(endpoint, "v1/completions"), request))
            .Content.ReadAsStringAsync())!;
        var stream = await (await http.PostAsJsonAsync(new Uri(endpoint, "v1/completions"),
            new { request.prompt, request.max_tokens, request.temperature, request.stream_options, stream = true }))
            .Content.ReadAsStringAsync();

        var events = stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line["data: ".Length..])
            .ToList();
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(data => JsonNode.Parse(data)!).ToList();
        Assert.Equal(whole["choices"]![0]!["text"]!.GetValue<string>(),
            string.Concat(chunks.Select(chunk => chunk["choices"]![0]!["text"]!.GetValue<string>())));
        Assert.Equal(whole["choices"]![0]!["finish_reason"]!.GetValue<string>(),
            chunks[^1]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal(whole["usage"]!.ToJsonString(), chunks[^1]["usage"]!.ToJsonString());
    }

    [Theory]
    [InlineData("{\"model\": \"gpt-4o\", \"prompt\": \"x\"}", 404, "model_not_found")]
    [InlineData("{\"prompt\": ", 400, null)]
    [InlineData("{\"prompt\": \"x\", \"max_tokens\": \"many\"}", 400, null)]
    [InlineData("{\"prompt\": \"x\", \"temperature\": -1}", 400, null)]
    public async Task Refuses_bad_requests_in_the_openai_error_shape(string json, int status, string? code)
    {
        var endpoint = await StartAsync(new ServeOptions());
        using var http = new HttpClient();

        var response = await http.PostAsync(new Uri(endpoint, "v1/completions"), new StringContent(json));
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(status, (int)response.StatusCode);
        Assert.False(string.IsNullOrEmpty(error["message"]!.GetValue<string>()));
        Assert.Equal(code, error["code"]?.GetValue<string>());
    }

    [Fact]
    public async Task Answers_a_prompt_over_the_context_length_with_400()
    {
        var endpoint = await StartAsync(new ServeOptions());
        using var http = new HttpClient();

        var response = await http.PostAsJsonAsync(new Uri(endpoint, "v1/chat/completions"), new
        {
            messages = new[] { new { role = "user", content = new string('a', 400) } },
            stream = true,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("context length 256", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Requires_the_bearer_token_when_one_is_set()
    {
        var endpoint = await StartAsync(new ServeOptions { ApiKey = "secret" });

        var refused = await Assert.ThrowsAsync<ClientResultException>(() =>
            new OpenAIModelClient(new ApiKeyCredential("wrong"), Options(endpoint)).GetModelsAsync());
        var allowed = await new OpenAIModelClient(new ApiKeyCredential("secret"), Options(endpoint)).GetModelsAsync();

        Assert.Equal(401, refused.Status);
        Assert.Single(allowed.Value);
    }

    [Fact]
    public async Task Answers_503_when_the_queue_is_full()
    {
        var endpoint = await StartAsync(new ServeOptions { MaxQueue = 0 });
        using var http = new HttpClient();

        var response = await http.GetAsync(new Uri(endpoint, "v1/models"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("queue is full", await response.Content.ReadAsStringAsync());
    }

    private async Task<Uri> StartAsync(ServeOptions options)
    {
        var server = new OpenAiServer(_client, ModelId, options with { Port = 0 }).Build();
        _servers.Add(server);
        await server.StartAsync();
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single();
        return new Uri(address.TrimEnd('/') + "/");
    }

    private static OpenAIClientOptions Options(Uri endpoint) => new() { Endpoint = new Uri(endpoint, "v1") };
}
