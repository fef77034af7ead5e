using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;

namespace SelfInstruct.Backends;

/// <summary>
/// The plain <c>/v1/completions</c> endpoint, which base models need and the SDK no longer wraps, as an
/// <see cref="IChatClient"/>: the messages' text is the prompt, the continuation is the answer. Requests go through
/// the SDK's own pipeline, so authentication, retries with Retry-After and the network timeout are the SDK's.
/// </summary>
internal sealed class OpenAICompletionsChatClient(OpenAIClient client, Uri endpoint, string model) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var message = client.Pipeline.CreateMessage();
        message.Request.Method = "POST";
        message.Request.Uri = new Uri($"{endpoint.AbsoluteUri.TrimEnd('/')}/completions");
        message.Request.Headers.Set("Content-Type", "application/json");
        message.Request.Content = BinaryContent.Create(BinaryData.FromString(RequestBody(messages, options)));
        message.ResponseClassifier = PipelineMessageClassifier.Create([200]);
        message.Apply(new RequestOptions { CancellationToken = cancellationToken });
        await client.Pipeline.SendAsync(message);
        var response = message.Response!;
        if (response.IsError)
        {
            throw new ClientResultException(response);
        }
        return ParseResponse(response.Content.ToString());
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private string RequestBody(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var body = new JsonObject
        {
            ["model"] = options?.ModelId ?? model,
            ["prompt"] = string.Concat(messages.Select(chatMessage => chatMessage.Text)),
        };
        AddIfSet(body, "max_tokens", options?.MaxOutputTokens);
        AddIfSet(body, "temperature", options?.Temperature);
        AddIfSet(body, "top_p", options?.TopP);
        AddIfSet(body, "presence_penalty", options?.PresencePenalty);
        AddIfSet(body, "frequency_penalty", options?.FrequencyPenalty);
        AddIfSet(body, "seed", options?.Seed);
        if (options?.StopSequences is { Count: > 0 } stops)
        {
            body["stop"] = new JsonArray(stops.Select(stop => (JsonNode?)stop).ToArray());
        }
        return body.ToJsonString();
    }

    private static void AddIfSet<T>(JsonObject body, string name, T? value)
        where T : struct
    {
        if (value is { } set)
        {
            body[name] = JsonValue.Create(set);
        }
    }

    private ChatResponse ParseResponse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var choice = root.GetProperty("choices")[0];
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, choice.GetProperty("text").GetString()))
        {
            ModelId = root.TryGetProperty("model", out var modelId) ? modelId.GetString() : model,
            FinishReason = choice.TryGetProperty("finish_reason", out var reason) && reason.GetString() == "length"
                ? ChatFinishReason.Length
                : ChatFinishReason.Stop,
        };
        if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            response.Usage = new UsageDetails
            {
                InputTokenCount = usage.GetProperty("prompt_tokens").GetInt64(),
                OutputTokenCount = usage.GetProperty("completion_tokens").GetInt64(),
                TotalTokenCount = usage.GetProperty("total_tokens").GetInt64(),
            };
        }
        return response;
    }
}
