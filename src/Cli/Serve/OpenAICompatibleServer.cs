using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SelfInstruct.Model.Chat;

namespace SelfInstruct.Cli.Serve;

/// <summary>
/// An OpenAI-compatible HTTP server over an <see cref="IChatClient"/>: <c>GET /v1/models</c>,
/// <c>POST /v1/chat/completions</c> and <c>POST /v1/completions</c>, streaming as server-sent events, usage counts,
/// OpenAI-shaped errors (400 bad request, 401 wrong key, 404 unknown model, 503 queue full), an optional bearer key
/// and a bounded queue. The OpenAI client libraries work against it unchanged.
/// </summary>
internal sealed class OpenAICompatibleServer : IAsyncDisposable
{
    /// <summary>The largest request body read, as OpenAI's own limit is far above any prompt a local model takes.</summary>
    public const int MaxBodyBytes = 1 << 20;

    private readonly WebApplication _application;
    private readonly IChatClient _chatClient;
    private readonly IChatClient _completionClient;
    private readonly ServeOptions _options;
    private int _queued;

    /// <param name="chatClient">Answers chat requests (the model's chat template applies).</param>
    /// <param name="completionClient">Continues raw prompts for <c>/v1/completions</c>.</param>
    /// <param name="options">Where to listen and the limits.</param>
    public OpenAICompatibleServer(IChatClient chatClient, IChatClient completionClient, ServeOptions options)
    {
        _chatClient = chatClient;
        _completionClient = completionClient;
        _options = options;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{options.Host}:{options.Port}");
        _application = builder.Build();
        _application.Use(RequireKeyAsync);
        _application.MapGet("/v1/models", ListModels);
        _application.MapPost("/v1/chat/completions", context => AnswerAsync(context, isChat: true));
        _application.MapPost("/v1/completions", context => AnswerAsync(context, isChat: false));
    }

    /// <summary>The address the server listens on, once started.</summary>
    public Uri BaseAddress => new(_application.Urls.First());

    public Task StartAsync(CancellationToken cancellationToken) => _application.StartAsync(cancellationToken);

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) =>
        _application.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await _application.DisposeAsync();

    private async Task RequireKeyAsync(HttpContext context, RequestDelegate next)
    {
        if (!BearerKey.Admits(context.Request, _options.ApiKey))
        {
            await OpenAIError.Unauthorized().ToResult().ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private IResult ListModels() => Results.Json(new JsonObject
    {
        ["object"] = "list",
        ["data"] = new JsonArray(new JsonObject
        {
            ["id"] = _options.ModelName,
            ["object"] = "model",
            ["created"] = 0,
            ["owned_by"] = "selfinstruct",
        }),
    });

    private async Task AnswerAsync(HttpContext context, bool isChat)
    {
        var body = await ReadBodyAsync(context);
        var (request, error) = body is null
            ? (null, OpenAIError.BadRequest($"the body is over {MaxBodyBytes} bytes"))
            : isChat ? ChatRequest.ParseChat(body) : ChatRequest.ParseCompletion(body);
        error ??= request!.Model == _options.ModelName ? null : OpenAIError.UnknownModel(request.Model);
        var client = isChat ? _chatClient : _completionClient;
        error ??= OverContext(client, request!);
        if (error is not null)
        {
            await error.ToResult().ExecuteAsync(context);
            return;
        }
        if (Interlocked.Increment(ref _queued) > _options.MaxQueuedRequests)
        {
            Interlocked.Decrement(ref _queued);
            context.Response.Headers.RetryAfter = "1";
            await OpenAIError.Busy().ToResult().ExecuteAsync(context);
            return;
        }
        try
        {
            var writer = new OpenAIResponseWriter(context, _options.ModelName, isChat);
            if (request!.Stream)
            {
                await writer.StreamAsync(
                    client.GetStreamingResponseAsync(request.Messages, request.Options, context.RequestAborted),
                    request.IncludeUsage);
            }
            else
            {
                var response = await client.GetResponseAsync(request.Messages, request.Options, context.RequestAborted);
                await writer.WriteAsync(response);
            }
        }
        catch (ArgumentException exception)
        {
            // The model refuses what it cannot do, such as a prompt over its context length: the caller's fault.
            await OpenAIError.BadRequest(exception.Message).ToResult().ExecuteAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
        }
    }

    // The body as text, or null when it is larger than the limit (read no further than that).
    internal static async Task<string?> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    // vLLM's and OpenAI's rule and wording: prompt and max_tokens must fit the context; without max_tokens the
    // completion may use what is left, so only a prompt that fills the context is refused.
    private static OpenAIError? OverContext(IChatClient client, ChatRequest request)
    {
        if (client.GetService<ContextWindow>() is not { } window)
        {
            return null;
        }
        int prompt;
        try
        {
            prompt = window.PromptTokens(request.Messages, request.Options);
        }
        catch (ArgumentException exception)
        {
            return OpenAIError.BadRequest(exception.Message);
        }
        var asked = request.Options.MaxOutputTokens ?? 1;
        return prompt + asked <= window.Length
            ? null
            : OpenAIError.BadRequest(string.Create(CultureInfo.InvariantCulture,
                $"This model's maximum context length is {window.Length} tokens; you asked for {prompt} + {asked}"),
                request.Options.MaxOutputTokens is null ? "messages" : "max_tokens");
    }
}
