using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using SelfInstruct.Model.Generation;

namespace SelfInstruct.Cli.Serve;

/// <summary>
/// Reads the body of an OpenAI completions or chat completions request: prompts or messages, sampling settings,
/// stop sequences (a string or a list), max tokens and the stream flag. Anything malformed is a 400.
/// </summary>
internal sealed class OpenAiRequest(JsonObject body)
{
    public static async Task<OpenAiRequest> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        try
        {
            var node = await JsonNode.ParseAsync(body, cancellationToken: cancellationToken);
            return new OpenAiRequest(node as JsonObject ?? throw OpenAiError.BadRequest("the body must be a JSON object"));
        }
        catch (JsonException exception)
        {
            throw OpenAiError.BadRequest($"the body is not valid JSON: {exception.Message}");
        }
    }

    public string? Model => Text("model");

    public bool Stream => Value<bool>("stream") ?? false;

    public bool IncludeUsage => body["stream_options"]?["include_usage"]?.GetValue<bool>() ?? false;

    /// <summary>The completions prompt: one string or a list of strings, generated as one batch.</summary>
    public IReadOnlyList<string> Prompts() => body["prompt"] switch
    {
        JsonValue value => [value.GetValue<string>()],
        JsonArray { Count: > 0 } list => list.Select(item => item?.GetValue<string>()
            ?? throw OpenAiError.BadRequest("prompt: expected strings")).ToList(),
        _ => throw OpenAiError.BadRequest("prompt: expected a string or a non-empty list of strings"),
    };

    /// <summary>The chat messages; content may be a string or a list of text parts.</summary>
    public IReadOnlyList<ChatMessage> Messages()
    {
        if (body["messages"] is not JsonArray { Count: > 0 } messages)
        {
            throw OpenAiError.BadRequest("messages: expected a non-empty list");
        }
        return messages.Select(message => new ChatMessage(
            new ChatRole(message?["role"]?.GetValue<string>() ?? throw OpenAiError.BadRequest("messages: role missing")),
            message["content"] switch
            {
                JsonValue text => text.GetValue<string>(),
                JsonArray parts => string.Concat(parts.Select(part => part?["text"]?.GetValue<string>() ?? "")),
                _ => "",
            })).ToList();
    }

    /// <summary>Generation settings for a completions request; max tokens defaults to OpenAI's 16.</summary>
    public GenerationOptions CompletionOptions() => new()
    {
        MaxNewTokens = Value<int>("max_tokens") ?? 16,
        Temperature = Value<double>("temperature") ?? 1,
        TopP = Value<double>("top_p") ?? 1,
        PresencePenalty = Value<double>("presence_penalty") ?? 0,
        FrequencyPenalty = Value<double>("frequency_penalty") ?? 0,
        Seed = (int)(Value<long>("seed") ?? 0),
        StopSequences = Stops(),
    };

    /// <summary>Chat options for a chat completions request.</summary>
    public ChatOptions ChatOptions() => new()
    {
        MaxOutputTokens = Value<int>("max_completion_tokens") ?? Value<int>("max_tokens"),
        Temperature = (float?)Value<double>("temperature"),
        TopP = (float?)Value<double>("top_p"),
        PresencePenalty = (float?)Value<double>("presence_penalty"),
        FrequencyPenalty = (float?)Value<double>("frequency_penalty"),
        Seed = Value<long>("seed"),
        StopSequences = Stops(),
    };

    private List<string> Stops() => body["stop"] switch
    {
        null => [],
        JsonValue value => [value.GetValue<string>()],
        JsonArray list => list.Select(item => item?.GetValue<string>() ?? "").ToList(),
        _ => throw OpenAiError.BadRequest("stop: expected a string or a list of strings"),
    };

    private string? Text(string key) => body[key]?.GetValue<string>();

    private T? Value<T>(string key)
        where T : struct
    {
        try
        {
            return body[key] is { } node ? node.GetValue<T>() : null;
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException)
        {
            throw OpenAiError.BadRequest(string.Create(CultureInfo.InvariantCulture,
                $"{key}: expected {typeof(T).Name}, found {body[key]!.ToJsonString()}"));
        }
    }
}
