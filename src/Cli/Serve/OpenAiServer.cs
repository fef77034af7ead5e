using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SelfInstruct.Model.Chat;
using SelfInstruct.Model.Generation;

namespace SelfInstruct.Cli.Serve;

/// <summary>
/// An OpenAI-compatible HTTP API over one local model: <c>GET /v1/models</c>, <c>POST /v1/completions</c> (a list
/// of prompts runs as one batch) and <c>POST /v1/chat/completions</c>, both streaming server-sent events with
/// <c>stream: true</c>. Errors use OpenAI's JSON shape: 400 for a bad request or one over the context length, 401 for a missing
/// or wrong bearer token, 404 for an unknown model, 503 when <see cref="ServeOptions.MaxQueue"/> requests are
/// already running or waiting. Generations run one at a time through <see cref="LocalChatClient"/>.
/// </summary>
internal sealed class OpenAiServer(LocalChatClient client, string modelId, ServeOptions options)
{
    private int _inFlight;

    /// <summary>The web application, not yet started, listening where the serve options say.</summary>
    public WebApplication Build()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{options.Host}:{options.Port}");
        var app = builder.Build();
        app.Use(GuardAsync);
        app.MapGet("/v1/models", () => Results.Json(new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(new JsonObject
            {
                ["id"] = modelId,
                ["object"] = "model",
                ["created"] = 0,
                ["owned_by"] = "selfinstruct",
            }),
        }));
        app.MapPost("/v1/completions", CompleteAsync);
        app.MapPost("/v1/chat/completions", ChatAsync);
        return app;
    }

    private async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        if (options.ApiKey is { } key && context.Request.Headers.Authorization.ToString() != $"Bearer {key}")
        {
            await new OpenAiError(StatusCodes.Status401Unauthorized, "invalid_request_error",
                "a valid API key is required as a bearer token", "invalid_api_key").ToResult().ExecuteAsync(context);
            return;
        }
        if (Interlocked.Increment(ref _inFlight) > options.MaxQueue)
        {
            Interlocked.Decrement(ref _inFlight);
            await new OpenAiError(StatusCodes.Status503ServiceUnavailable, "server_error",
                $"the queue is full ({options.MaxQueue} requests); retry later").ToResult().ExecuteAsync(context);
            return;
        }
        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.Response.HasStarted && Describe(exception) is { } error)
        {
            await error.ToResult().ExecuteAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static OpenAiError? Describe(Exception exception) => exception switch
    {
        OpenAiError error => error,
        ArgumentException or InvalidOperationException or FormatException or JsonException =>
            OpenAiError.BadRequest(exception.Message),
        _ => null,
    };

    private async Task CompleteAsync(HttpContext context)
    {
        var request = await ReadAsync(context);
        if (request.Stream)
        {
            await CompletionStreamAsync(context, request);
            return;
        }
        var results = await client.CompleteAsync(request.Prompts(), request.CompletionOptions(),
            context.RequestAborted);
        await Results.Json(new JsonObject
        {
            ["id"] = $"cmpl-{Guid.NewGuid():N}",
            ["object"] = "text_completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = modelId,
            ["choices"] = new JsonArray(results.Select((result, index) => (JsonNode)new JsonObject
            {
                ["index"] = index,
                ["text"] = result.Text,
                ["logprobs"] = null,
                ["finish_reason"] = result.FinishReason == FinishReason.Stop ? "stop" : "length",
            }).ToArray()),
            ["usage"] = Usage(results.Sum(result => result.PromptTokenCount),
                results.Sum(result => result.TokenIds.Count)),
        }).ExecuteAsync(context);
    }

    private async Task ChatAsync(HttpContext context)
    {
        var request = await ReadAsync(context);
        var messages = request.Messages();
        var chatOptions = request.ChatOptions();
        if (request.Stream)
        {
            await ChatStreamAsync(context, messages, chatOptions, request.IncludeUsage);
            return;
        }
        var response = await client.GetResponseAsync(messages, chatOptions, context.RequestAborted);
        await Results.Json(new JsonObject
        {
            ["id"] = $"chatcmpl-{Guid.NewGuid():N}",
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = modelId,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = response.Text },
                ["logprobs"] = null,
                ["finish_reason"] = response.FinishReason == ChatFinishReason.Stop ? "stop" : "length",
            }),
            ["usage"] = Usage(response.Usage!.InputTokenCount ?? 0, response.Usage.OutputTokenCount ?? 0),
        }).ExecuteAsync(context);
    }

    private async Task CompletionStreamAsync(HttpContext context, OpenAiRequest request)
    {
        var prompts = request.Prompts();
        if (prompts.Count != 1)
        {
            throw OpenAiError.BadRequest("stream: true takes one prompt, not a list");
        }
        var id = $"cmpl-{Guid.NewGuid():N}";
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        JsonObject Event(string text, string? finishReason) => new()
        {
            ["id"] = id,
            ["object"] = "text_completion",
            ["created"] = created,
            ["model"] = modelId,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["text"] = text,
                ["logprobs"] = null,
                ["finish_reason"] = finishReason,
            }),
        };
        IEnumerable<JsonObject> Events(CompletionChunk chunk)
        {
            if (chunk.Result is not { } result)
            {
                yield return Event(chunk.Text, null);
                yield break;
            }
            var last = Event("", result.FinishReason == FinishReason.Stop ? "stop" : "length");
            if (request.IncludeUsage)
            {
                last["usage"] = Usage(result.PromptTokenCount, result.TokenIds.Count);
            }
            yield return last;
        }
        var chunks = client.CompleteStreamingAsync(prompts[0], request.CompletionOptions(), context.RequestAborted);
        await StreamEventsAsync(context, chunks, Events, null);
    }

    private async Task ChatStreamAsync(
        HttpContext context, IReadOnlyList<ChatMessage> messages, ChatOptions chatOptions, bool includeUsage)
    {
        var id = $"chatcmpl-{Guid.NewGuid():N}";
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        IEnumerable<JsonObject> Events(ChatResponseUpdate update)
        {
            if (update.Text.Length > 0)
            {
                yield return Chunk(id, created, new JsonObject { ["content"] = update.Text }, null);
            }
            if (update.FinishReason is { } reason)
            {
                yield return Chunk(id, created, [], reason == ChatFinishReason.Stop ? "stop" : "length");
            }
            if (includeUsage && update.Contents.OfType<UsageContent>().FirstOrDefault() is { } usage)
            {
                var last = Chunk(id, created, null, null);
                last["usage"] = Usage(usage.Details.InputTokenCount ?? 0, usage.Details.OutputTokenCount ?? 0);
                yield return last;
            }
        }
        var updates = client.GetStreamingResponseAsync(messages, chatOptions, context.RequestAborted);
        var first = Chunk(id, created, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null);
        await StreamEventsAsync(context, updates, Events, first);
    }

    // Server-sent events: the first item is awaited before any byte is sent, so a request the model refuses (over
    // the context length, say) still gets its 400.
    private static async Task StreamEventsAsync<T>(
        HttpContext context, IAsyncEnumerable<T> source, Func<T, IEnumerable<JsonObject>> events, JsonObject? first)
    {
        await using var items = source.GetAsyncEnumerator(context.RequestAborted);
        var more = await items.MoveNextAsync();
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        if (first is not null)
        {
            await SendAsync(context, first);
        }
        for (; more; more = await items.MoveNextAsync())
        {
            foreach (var item in events(items.Current))
            {
                await SendAsync(context, item);
            }
        }
        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
    }

    private JsonObject Chunk(string id, long created, JsonObject? delta, string? finishReason) => new()
    {
        ["id"] = id,
        ["object"] = "chat.completion.chunk",
        ["created"] = created,
        ["model"] = modelId,
        ["choices"] = delta is null
            ? new JsonArray()
            : new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason }),
    };

    private async Task<OpenAiRequest> ReadAsync(HttpContext context)
    {
        var request = await OpenAiRequest.ReadAsync(context.Request.Body, context.RequestAborted);
        if (request.Model is { } model && model != modelId)
        {
            throw new OpenAiError(StatusCodes.Status404NotFound, "invalid_request_error",
                $"the model '{model}' does not exist; this server has '{modelId}'", "model_not_found");
        }
        return request;
    }

    private static JsonObject Usage(long prompt, long completion) => new()
    {
        ["prompt_tokens"] = prompt,
        ["completion_tokens"] = completion,
        ["total_tokens"] = prompt + completion,
    };

    private static async Task SendAsync(HttpContext context, JsonObject chunk)
    {
        await context.Response.WriteAsync($"data: {chunk.ToJsonString()}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
