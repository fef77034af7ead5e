using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SelfInstruct.Cli.Serve;

/// <summary>
/// An OpenAI-compatible HTTP server over an <see cref="IChatClient"/>: <c>GET /v1/models</c>,
/// <c>POST /v1/chat/completions</c> and <c>POST /v1/completions</c>, streaming as server-sent events, usage counts,
/// OpenAI-shaped errors (400 bad request, 401 wrong key, 404 unknown model, 503 queue full), an optional bearer key
/// and a bounded queue. The OpenAI client libraries work against it unchanged.
/// </summary>
internal sealed class OpenAICompatibleServer : IAsyncDisposable
{
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
        if (_options.ApiKey is { } key && context.Request.Headers.Authorization.ToString() != $"Bearer {key}")
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
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var (request, error) = isChat ? ChatRequest.ParseChat(body) : ChatRequest.ParseCompletion(body);
        error ??= request!.Model == _options.ModelName ? null : OpenAIError.UnknownModel(request.Model);
        if (error is not null)
        {
            await error.ToResult().ExecuteAsync(context);
            return;
        }
        if (Interlocked.Increment(ref _queued) > _options.MaxQueuedRequests)
        {
            Interlocked.Decrement(ref _queued);
            await OpenAIError.Busy().ToResult().ExecuteAsync(context);
            return;
        }
        try
        {
            var client = isChat ? _chatClient : _completionClient;
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
}
