using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Files;

namespace SelfInstruct.Backends;

/// <summary>
/// The Files and Batches API of OpenAI (and of servers that implement the same <c>/v1/files</c> and
/// <c>/v1/batches</c>): upload a JSONL batch input, create a batch over it, read its status, download its output and
/// error files. Every call goes through the SDK's pipeline, so the key, the network timeout and the retries are the
/// SDK's; a call that still fails is a fatal <see cref="BackendException"/> naming the server and the call.
/// </summary>
/// <remarks>
/// Files use the SDK's typed <see cref="OpenAIFileClient"/>. Batches are sent as plain requests on the same pipeline:
/// the SDK's batch client is experimental and protocol-level only (JSON in, JSON out) and re-reads the batch whenever
/// it is rehydrated from an id, where one GET per poll is all a resumed run needs.
/// </remarks>
public sealed class OpenAIBatchApi
{
    private readonly OpenAIClient _client;
    private readonly OpenAIFileClient _files;
    private readonly Uri _endpoint;

    private OpenAIBatchApi(OpenAIClient client, Uri endpoint)
    {
        _client = client;
        _files = client.GetOpenAIFileClient();
        _endpoint = endpoint;
    }

    /// <summary>The API of the options' server, with the key read through <paramref name="environment"/>.</summary>
    /// <exception cref="InvalidOperationException">The key's variable is unset and no base URL is given.</exception>
    public static OpenAIBatchApi Create(OpenAIBackendOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        return new OpenAIBatchApi(OpenAIBackend.SdkClient(options, environment), options.Routes[0].BaseUrl);
    }

    /// <summary>Uploads a batch input (purpose <c>batch</c>); returns the file id.</summary>
    public async Task<string> UploadAsync(string jsonl, string fileName, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(jsonl));
        var file = await CallAsync("uploading the batch input", () =>
            _files.UploadFileAsync(content, fileName, FileUploadPurpose.Batch, cancellationToken));
        return file.Value.Id;
    }

    /// <summary>Creates a batch over an uploaded input for an endpoint such as /v1/completions.</summary>
    public Task<OpenAIBatchStatus> CreateAsync(string inputFileId, string endpointPath,
        CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["input_file_id"] = inputFileId,
            ["endpoint"] = endpointPath,
            ["completion_window"] = "24h",
        };
        return SendAsync("POST", "batches", body.ToJsonString(), "creating the batch", cancellationToken);
    }

    /// <summary>The batch's status as the server has it now.</summary>
    public Task<OpenAIBatchStatus> GetAsync(string batchId, CancellationToken cancellationToken) =>
        SendAsync("GET", $"batches/{Uri.EscapeDataString(batchId)}", null, $"reading batch {batchId}",
            cancellationToken);

    /// <summary>The text of an output or error file.</summary>
    public async Task<string> DownloadAsync(string fileId, CancellationToken cancellationToken)
    {
        var data = await CallAsync($"downloading file {fileId}",
            () => _files.DownloadFileAsync(fileId, cancellationToken));
        return data.Value.ToString();
    }

    private async Task<OpenAIBatchStatus> SendAsync(
        string method, string path, string? body, string what, CancellationToken cancellationToken)
    {
        using var message = _client.Pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri = new Uri($"{_endpoint.AbsoluteUri.TrimEnd('/')}/{path}");
        if (body is not null)
        {
            message.Request.Headers.Set("Content-Type", "application/json");
            message.Request.Content = BinaryContent.Create(BinaryData.FromString(body));
        }
        message.ResponseClassifier = PipelineMessageClassifier.Create([200]);
        message.Apply(new RequestOptions { CancellationToken = cancellationToken });
        await CallAsync(what, async () =>
        {
            await _client.Pipeline.SendAsync(message);
            return message.Response!.IsError ? throw new ClientResultException(message.Response) : 0;
        });
        return ParseStatus(message.Response!.Content.ToString(), what);
    }

    private async Task<T> CallAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ClientResultException exception)
        {
            var status = exception.Status == 0 ? "no connection" : $"HTTP {exception.Status}";
            throw new BackendException(BackendException.Unreachable,
                $"{_endpoint}: {what} failed after the retries ({status})", isFatal: true, exception);
        }
        catch (HttpRequestException exception)
        {
            throw new BackendException(BackendException.Unreachable,
                $"{_endpoint}: {what} failed: cannot reach the server ({exception.Message})", isFatal: true,
                exception);
        }
    }

    private OpenAIBatchStatus ParseStatus(string json, string what)
    {
        try
        {
            var batch = JsonNode.Parse(json)!.AsObject();
            return new OpenAIBatchStatus(
                batch["id"]!.GetValue<string>(),
                batch["status"]!.GetValue<string>(),
                batch["output_file_id"]?.GetValue<string>(),
                batch["error_file_id"]?.GetValue<string>(),
                batch["errors"]?.ToJsonString());
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException
            or NullReferenceException or FormatException)
        {
            throw new BackendException(BackendException.MalformedResponse,
                $"{_endpoint}: {what}: the answer is not a batch object ({exception.Message})", isFatal: true,
                exception);
        }
    }
}
