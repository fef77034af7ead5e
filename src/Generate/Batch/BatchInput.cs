using SelfInstruct.Backends;

namespace SelfInstruct.Generate.Batch;

/// <summary>
/// A batch's input file: one JSON line per request (custom_id, method, url, body), the body what a live request of
/// the same API sends.
/// </summary>
internal static class BatchInput
{
    /// <summary>The endpoint every line of a batch goes to, as the Batches API names it.</summary>
    public static string EndpointPath(OpenAIApi api) =>
        api == OpenAIApi.Completions ? "/v1/completions" : "/v1/chat/completions";

    /// <summary>The JSONL text of the requests, one line each, in order.</summary>
    public static string Jsonl(IEnumerable<BatchRequest> requests, string model, OpenAIApi api)
    {
        var text = new StringBuilder();
        foreach (var request in requests)
        {
            var line = new JsonObject
            {
                ["custom_id"] = request.Key,
                ["method"] = "POST",
                ["url"] = EndpointPath(api),
                ["body"] = Body(request, model, api),
            };
            text.Append(line.ToJsonString()).Append('\n');
        }
        return text.ToString();
    }

    private static JsonObject Body(BatchRequest request, string model, OpenAIApi api)
    {
        var options = request.Options;
        var body = new JsonObject { ["model"] = model };
        if (api == OpenAIApi.Completions)
        {
            body["prompt"] = request.Prompt;
            AddIfSet(body, "max_tokens", options.MaxOutputTokens);
        }
        else
        {
            body["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = request.Prompt });
            AddIfSet(body, "max_completion_tokens", options.MaxOutputTokens);
        }
        AddIfSet(body, "temperature", options.Temperature);
        AddIfSet(body, "top_p", options.TopP);
        AddIfSet(body, "presence_penalty", options.PresencePenalty);
        if (options.StopSequences is { Count: > 0 } stops)
        {
            body["stop"] = new JsonArray(stops.Select(stop => (JsonNode?)stop).ToArray());
        }
        return body;
    }

    private static void AddIfSet<T>(JsonObject body, string name, T? value)
        where T : struct
    {
        if (value is { } set)
        {
            body[name] = JsonValue.Create(set);
        }
    }
}
