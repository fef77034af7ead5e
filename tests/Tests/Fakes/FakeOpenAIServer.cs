using System.Net;
using System.Net.Sockets;

namespace SelfInstruct.Tests.Fakes;

/// <summary>
/// An OpenAI-compatible HTTP server on a loopback port, answering each request with what the test's callback says:
/// a chat or completions body, an error status with headers, a stall, or garbage. It records every request. Its
/// <see cref="Batches"/> serve the Files and Batches API, answering each line with the same callback.
/// </summary>
public sealed class FakeOpenAIServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<FakeOpenAIRequest, FakeOpenAIReply> _respond;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private int _inFlight;
    private int _maxInFlight;

    public FakeOpenAIServer(Func<FakeOpenAIRequest, FakeOpenAIReply> respond)
    {
        _respond = respond;
        Batches = new FakeBatchApi(respond);
        var port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/v1");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; }

    public List<FakeOpenAIRequest> Requests { get; } = [];

    public FakeBatchApi Batches { get; }

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public static FakeOpenAIReply Chat(string text, string finishReason = "stop") => new(200, new JsonObject
    {
        ["id"] = "chatcmpl-1",
        ["object"] = "chat.completion",
        ["created"] = 0,
        ["model"] = "fake-model",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text },
            ["finish_reason"] = finishReason,
        }),
        ["usage"] = Usage(),
    }.ToJsonString());

    public static FakeOpenAIReply Completion(string text, string finishReason = "stop") => new(200, new JsonObject
    {
        ["id"] = "cmpl-1",
        ["object"] = "text_completion",
        ["created"] = 0,
        ["model"] = "fake-model",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["text"] = text,
            ["finish_reason"] = finishReason,
        }),
        ["usage"] = Usage(),
    }.ToJsonString());

    public static FakeOpenAIReply Error(int status, params (string Name, string Value)[] headers) => new(status,
        $"{{\"error\": {{\"message\": \"status {status}\", \"type\": \"test\", \"code\": null}}}}", headers);

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Stop();
        _listener.Close();
        _stopping.Dispose();
    }

    private static JsonObject Usage() => new()
    {
        ["prompt_tokens"] = 11,
        ["completion_tokens"] = 7,
        ["total_tokens"] = 18,
    };

    private async Task ServeAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, inFlight);
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            if (Batches.TryAnswer(context.Request.HttpMethod, context.Request.Url!.AbsolutePath,
                context.Request.ContentType, body) is { } batchReply)
            {
                await WriteAsync(context, batchReply);
                return;
            }
            var request = new FakeOpenAIRequest(
                context.Request.Url!.AbsolutePath, JsonNode.Parse(body)!.AsObject(),
                context.Request.Headers["Authorization"] ?? "");
            FakeOpenAIReply reply;
            lock (Requests)
            {
                Requests.Add(request);
                reply = _respond(request);
            }
            if (reply.Delay > TimeSpan.Zero)
            {
                await Task.Delay(reply.Delay, _stopping.Token);
            }
            await WriteAsync(context, reply);
        }
        catch (Exception exception) when (exception is HttpListenerException or OperationCanceledException
            or ObjectDisposedException or JsonException)
        {
            // The client gave up (a timeout test) or the server is stopping: nothing to answer.
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task WriteAsync(HttpListenerContext context, FakeOpenAIReply reply)
    {
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/json";
        foreach (var (name, value) in reply.Headers ?? [])
        {
            context.Response.Headers[name] = value;
        }
        var bytes = Encoding.UTF8.GetBytes(reply.Body);
        await context.Response.OutputStream.WriteAsync(bytes, _stopping.Token);
        context.Response.Close();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) != current)
        {
            current = Volatile.Read(ref target);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
