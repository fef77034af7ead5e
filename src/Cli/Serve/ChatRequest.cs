using Microsoft.Extensions.AI;

namespace SelfInstruct.Cli.Serve;

/// <summary>A parsed <c>/v1/chat/completions</c> or <c>/v1/completions</c> request body.</summary>
internal sealed record ChatRequest(string Model, IReadOnlyList<ChatMessage> Messages, ChatOptions Options, bool Stream,
    bool IncludeUsage)
{
    /// <summary>Parses a chat body: <c>messages</c> with roles and text content, and the sampling settings.</summary>
    public static (ChatRequest? Request, OpenAIError? Error) ParseChat(string body) => Parse(body, root =>
    {
        if (root["messages"] is not JsonArray { Count: > 0 } messages)
        {
            throw new RequestException("'messages' must be a non-empty array", "messages");
        }
        return messages.Select((message, index) => ParseMessage(message, index)).ToList();
    });

    /// <summary>Parses a completions body: <c>prompt</c> is one string, sent as it is.</summary>
    public static (ChatRequest? Request, OpenAIError? Error) ParseCompletion(string body) => Parse(body, root =>
        root["prompt"] is JsonValue prompt && prompt.TryGetValue<string>(out var text)
            ? [new ChatMessage(ChatRole.User, text)]
            : throw new RequestException("'prompt' must be a string", "prompt"));

    private static (ChatRequest?, OpenAIError?) Parse(string body, Func<JsonObject, List<ChatMessage>> readMessages)
    {
        try
        {
            if (JsonNode.Parse(body) is not JsonObject root)
            {
                return (null, OpenAIError.BadRequest("the body must be a JSON object"));
            }
            var model = Text(root, "model") ?? throw new RequestException("'model' is required", "model");
            RefuseUnsupported(root);
            var options = new ChatOptions
            {
                Temperature = Number(root, "temperature", 0, 2),
                TopP = Number(root, "top_p", 0, 1),
                PresencePenalty = Number(root, "presence_penalty", -2, 2),
                FrequencyPenalty = Number(root, "frequency_penalty", -2, 2),
                MaxOutputTokens = Integer(root, "max_completion_tokens", 1) ?? Integer(root, "max_tokens", 1),
                Seed = Integer(root, "seed", int.MinValue),
                StopSequences = Stops(root),
            };
            var stream = root["stream"] is JsonValue flag && flag.GetValue<bool>();
            var includeUsage = root["stream_options"]?["include_usage"] is JsonValue usage && usage.GetValue<bool>();
            return (new ChatRequest(model, readMessages(root), options, stream, includeUsage), null);
        }
        catch (RequestException exception)
        {
            return (null, OpenAIError.BadRequest(exception.Message, exception.Param));
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            return (null, OpenAIError.BadRequest($"the body is not a valid request: {exception.Message}"));
        }
    }

    private static ChatMessage ParseMessage(JsonNode? message, int index)
    {
        var role = message?["role"]?.GetValue<string>() switch
        {
            "system" or "developer" => ChatRole.System,
            "user" => ChatRole.User,
            "assistant" => ChatRole.Assistant,
            var other => throw new RequestException(
                $"messages[{index}].role must be system, user or assistant, found '{other}'",
                $"messages[{index}].role"),
        };
        var content = message!["content"] switch
        {
            JsonValue text => text.GetValue<string>(),
            JsonArray parts => string.Concat(parts.Select(part => part?["text"]?.GetValue<string>() ?? "")),
            _ => throw new RequestException($"messages[{index}].content must be text", $"messages[{index}].content"),
        };
        return new ChatMessage(role, content);
    }

    // What a local model cannot do is refused by name rather than ignored: a client relying on it would be misled.
    private static void RefuseUnsupported(JsonObject root)
    {
        if (Integer(root, "n", 1) is > 1)
        {
            throw new RequestException("only n = 1 is supported", "n");
        }
        foreach (var name in (string[])["tools", "tool_choice", "functions", "function_call", "response_format"])
        {
            if (root[name] is not null)
            {
                throw new RequestException($"'{name}' is not supported by this server", name);
            }
        }
        if (root["logprobs"] is JsonValue logprobs && !(logprobs.TryGetValue<bool>(out var wanted) && !wanted))
        {
            throw new RequestException("'logprobs' is not supported by this server", "logprobs");
        }
        if (root["top_logprobs"] is not null)
        {
            throw new RequestException("'top_logprobs' is not supported by this server", "top_logprobs");
        }
    }

    private static string? Text(JsonObject root, string name) => root[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw new RequestException($"'{name}' must be a string", name),
    };

    private static float? Number(JsonObject root, string name, double low, double high) => root[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<double>(out var number) && number >= low && number <= high =>
            (float)number,
        _ => throw new RequestException(string.Create(CultureInfo.InvariantCulture,
            $"'{name}' must be a number from {low} to {high}"), name),
    };

    private static int? Integer(JsonObject root, string name, int low) => root[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<int>(out var number) && number >= low => number,
        _ => throw new RequestException(low == int.MinValue
            ? $"'{name}' must be an integer"
            : string.Create(CultureInfo.InvariantCulture, $"'{name}' must be an integer of at least {low}"), name),
    };

    private static List<string>? Stops(JsonObject root) => root["stop"] switch
    {
        null => null,
        JsonValue single => [single.GetValue<string>()],
        JsonArray many => many.Select(stop => stop!.GetValue<string>()).ToList(),
        _ => throw new RequestException("'stop' must be a string or an array of strings", "stop"),
    };

    /// <summary>A request that breaks the API's rules, with the parameter at fault.</summary>
    private sealed class RequestException(string message, string param) : Exception(message)
    {
        public string Param { get; } = param;
    }
}
