using SelfInstruct.Backends;

namespace SelfInstruct.Generate.Batch;

/// <summary>
/// Reads a final batch's output and error files into an answer per custom id. A line the window's end left
/// unprocessed (error code <c>batch_expired</c>) gets no answer, so it is submitted again.
/// </summary>
internal static class BatchOutput
{
    /// <summary>A line that failed with a status the reasons of <see cref="BackendException"/> do not name.</summary>
    public const string FailedLine = "batch_line_failed";

    /// <summary>The answers by custom id; either file may be absent.</summary>
    /// <exception cref="BackendException">A line is not the JSON the Batches API writes (fatal).</exception>
    public static Dictionary<string, BatchAnswer> Read(string batchId, string? output, string? errors, OpenAIApi api)
    {
        var answers = new Dictionary<string, BatchAnswer>(StringComparer.Ordinal);
        foreach (var (file, text) in new[] { ("output", output), ("error", errors) })
        {
            var lineNumber = 0;
            foreach (var line in (text ?? "").Split('\n'))
            {
                lineNumber++;
                if (line.Trim().Length == 0)
                {
                    continue;
                }
                try
                {
                    var (key, answer) = ReadLine(JsonNode.Parse(line)!.AsObject(), api);
                    if (answer is not null)
                    {
                        answers[key] = answer;
                    }
                }
                catch (Exception exception) when (exception is JsonException or InvalidOperationException
                    or NullReferenceException or ArgumentOutOfRangeException)
                {
                    throw new BackendException(BackendException.MalformedResponse,
                        $"batch {batchId}, {file} file line {lineNumber}: not a batch line ({exception.Message})",
                        isFatal: true, exception);
                }
            }
        }
        return answers;
    }

    private static (string Key, BatchAnswer? Answer) ReadLine(JsonObject line, OpenAIApi api)
    {
        var key = line["custom_id"]!.GetValue<string>();
        if (line["error"] is JsonObject error)
        {
            return (key, error["code"]?.GetValue<string>() == "batch_expired" ? null : BatchAnswer.Failed(FailedLine));
        }
        var response = line["response"]!.AsObject();
        var status = response["status_code"]!.GetValue<int>();
        if (status != 200)
        {
            return (key, BatchAnswer.Failed(status switch
            {
                429 => BackendException.RateLimited,
                >= 500 => BackendException.ServerError,
                >= 400 => BackendException.BadRequest,
                _ => FailedLine,
            }));
        }
        var body = response["body"]!.AsObject();
        var choice = body["choices"]!.AsArray()[0]!.AsObject();
        var text = api == OpenAIApi.Completions
            ? choice["text"]?.GetValue<string>()
            : choice["message"]!["content"]?.GetValue<string>();
        var usage = body["usage"] as JsonObject;
        return (key, BatchAnswer.Answered(new ModelReply(
            key,
            text ?? "",
            choice["finish_reason"]?.GetValue<string>() == "length",
            usage?["prompt_tokens"]?.GetValue<long>() ?? 0,
            usage?["completion_tokens"]?.GetValue<long>() ?? 0)));
    }
}
