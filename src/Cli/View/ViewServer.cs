using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SelfInstruct.Cli.View;

/// <summary>
/// The page over a run folder and its JSON API: <c>GET /api/summary</c>, <c>/api/tasks</c> (paged, searched,
/// filtered and sorted here, so a large dataset sends one page), <c>/api/tasks/{id}</c>, <c>/api/rejections</c>,
/// <c>/api/evaluation</c>, <c>POST /api/curation</c>, and the run's plots under <c>/files/</c>. Nothing else on disk
/// is served. With a key, every data route needs it as a bearer token; the embedded page asks for none.
/// </summary>
internal sealed class ViewServer : IAsyncDisposable
{
    // The page loads only its own files and the plots, which it fetches with the key and shows as blobs.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; connect-src 'self'";

    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly WebApplication _application;
    private readonly RunContents _run;
    private readonly ViewOptions _options;
    private readonly CurationDesk? _curation;

    /// <param name="run">What the folder holds.</param>
    /// <param name="options">Where to listen and the key.</param>
    /// <param name="user">Who curation edits are logged as.</param>
    /// <param name="clock">When they are logged.</param>
    public ViewServer(RunContents run, ViewOptions options, string user, TimeProvider clock)
    {
        _run = run;
        _options = options;
        _curation = run.Dataset is { } dataset ? new CurationDesk(dataset, run.CurationLogPath!, user, clock) : null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{options.Host}:{options.Port}");
        _application = builder.Build();
        _application.Use(GuardAsync);
        foreach (var path in ViewAssets.Paths)
        {
            _application.MapGet(path, () => Asset(path));
        }
        _application.MapGet("/api/summary", Summary);
        _application.MapGet("/api/tasks", (HttpRequest request) => Tasks(request));
        _application.MapGet("/api/tasks/{id}", (string id) => Task(id));
        _application.MapGet("/api/rejections", () => Results.Json(_run.Journal.Rejections
            .Select(pair => new
            {
                Reason = pair.Key,
                Count = pair.Value,
                Samples = _run.Journal.RejectedSamples.GetValueOrDefault(pair.Key) ?? [],
            }), _json));
        _application.MapGet("/api/evaluation", (HttpRequest request) => Evaluation(request));
        _application.MapPost("/api/curation", (Func<HttpContext, Task<IResult>>)CurateAsync);
        _application.MapGet("/files/{**path}", (string path) => Plot(path));
    }

    /// <summary>The address the server listens on, once started.</summary>
    public Uri BaseAddress => new(_application.Urls.First());

    public Task StartAsync(CancellationToken cancellationToken) => _application.StartAsync(cancellationToken);

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) =>
        _application.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _application.DisposeAsync();
        _curation?.Dispose();
    }

    // Other sites the browser has open must not reach the data: a name that resolves to loopback (DNS rebinding) is
    // refused by its Host, a cross-site request by its Origin, and a cross-site form post by needing JSON.
    private async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-store";
        var request = context.Request;
        if (_options.IsLoopback && !ViewOptions.IsLoopbackName(request.Host.Host))
        {
            await Problem(StatusCodes.Status400BadRequest, $"Host {request.Host}: expected a loopback address")
                .ExecuteAsync(context);
            return;
        }
        if (request.Headers.Origin.ToString() is { Length: > 0 } origin
            && origin != $"{request.Scheme}://{request.Host}")
        {
            await Problem(StatusCodes.Status403Forbidden, $"Origin {origin}: only the page itself may ask")
                .ExecuteAsync(context);
            return;
        }
        var isData = context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/files");
        if (isData && !BearerKey.Admits(context.Request, _options.ApiKey))
        {
            await Problem(StatusCodes.Status401Unauthorized, "a bearer key is required").ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private static IResult Asset(string path)
    {
        var (content, contentType) = ViewAssets.Read(path);
        return Results.Bytes(content, contentType);
    }

    private IResult Summary()
    {
        var dataset = _run.Dataset;
        return Results.Json(new ViewSummary(EnumNames.Name(_run.Folder.Kind), Path.GetFileName(_run.Folder.Root),
            dataset is not null, dataset?.TaskCount ?? 0, dataset?.InstanceCount ?? 0, dataset?.RejectedCount ?? 0,
            dataset?.EditCount ?? 0, _run.Evaluation?.Models ?? [], _run.Evaluation?.Count ?? 0, _run.Plots), _json);
    }

    private IResult Tasks(HttpRequest request)
    {
        if (_run.Dataset is not { } dataset)
        {
            return Problem(StatusCodes.Status404NotFound, "this run folder holds no dataset");
        }
        return TaskQuery.TryParse(request.Query, out var problem) is { } query
            ? Results.Json(dataset.Query(query), _json)
            : Problem(StatusCodes.Status400BadRequest, problem!);
    }

    private IResult Task(string id) => _run.Dataset?.Find(id) is { } task
        ? Results.Json(task with { Requests = _run.Journal.ExchangesOf(id) }, _json)
        : Problem(StatusCodes.Status404NotFound, $"no task is called '{id}'");

    private IResult Evaluation(HttpRequest request)
    {
        if (_run.Evaluation is not { } evaluation)
        {
            return Problem(StatusCodes.Status404NotFound, "this run folder holds no evaluation");
        }
        return evaluation.Query(request.Query, out var problem) is { } page
            ? Results.Json(page, _json)
            : Problem(StatusCodes.Status400BadRequest, problem!);
    }

    private async Task<IResult> CurateAsync(HttpContext context)
    {
        if (_curation is null)
        {
            return Problem(StatusCodes.Status404NotFound, "this run folder holds no dataset to curate");
        }
        if (!context.Request.HasJsonContentType())
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "an edit is sent as application/json");
        }
        var body = await OpenAICompatibleServer.ReadBodyAsync(context);
        if (body is null)
        {
            return Problem(StatusCodes.Status400BadRequest,
                $"the body is over {OpenAICompatibleServer.MaxBodyBytes} bytes");
        }
        var (edit, problem) = await _curation.TakeAsync(body, context.RequestAborted);
        return edit is not null
            ? Results.Json(edit, CurationLog.Options)
            : Problem(StatusCodes.Status400BadRequest, problem!);
    }

    // Only the plots listed at start: whatever a request path says, it names one of them or nothing.
    private IResult Plot(string path) =>
        _run.Plots.Contains(path, StringComparer.Ordinal) && _run.Folder.Inside(path) is { } file
            ? Results.File(file, "image/png")
            : Problem(StatusCodes.Status404NotFound, "no such plot");

    private static IResult Problem(int status, string message) =>
        Results.Json(new { Error = message }, _json, statusCode: status);
}
