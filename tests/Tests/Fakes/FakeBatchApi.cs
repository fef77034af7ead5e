namespace SelfInstruct.Tests.Fakes;

/// <summary>
/// The Files and Batches API of <see cref="FakeOpenAIServer"/>: multipart uploads, file content, and batches that go
/// validating → in_progress → completed (or expired) one retrieve at a time, each line answered by the server's
/// callback as a live request would be. <see cref="ExpireNext"/>, <see cref="FailNext"/> and <see cref="Hold"/>
/// control what comes next.
/// </summary>
public sealed class FakeBatchApi(Func<FakeOpenAIRequest, FakeOpenAIReply> respond)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _files = [];
    private readonly Dictionary<string, JsonObject> _batches = [];
    private readonly Dictionary<string, int> _expireAfter = [];
    private int? _expireNextAfter;
    private string? _failNext;

    /// <summary>The custom ids of every batch created, in order of creation.</summary>
    public List<IReadOnlyList<string>> Created { get; } = [];

    /// <summary>Retrieves of a batch's status so far.</summary>
    public int Retrieves { get; private set; }

    /// <summary>While true, every batch stays in progress.</summary>
    public bool Hold { get; set; }

    /// <summary>The next batch created expires with only its first lines answered.</summary>
    public void ExpireNext(int answeredLines)
    {
        lock (_lock)
        {
            _expireNextAfter = answeredLines;
        }
    }

    /// <summary>The next batch created fails validation with this error message.</summary>
    public void FailNext(string message)
    {
        lock (_lock)
        {
            _failNext = message;
        }
    }

    /// <summary>The reply to a Files or Batches request, or null for any other path.</summary>
    public FakeOpenAIReply? TryAnswer(string method, string path, string? contentType, string body)
    {
        lock (_lock)
        {
            return (method, path.Split('/', StringSplitOptions.RemoveEmptyEntries)) switch
            {
                ("POST", ["v1", "files"]) => Upload(contentType ?? "", body),
                ("GET", ["v1", "files", var id, "content"]) => new FakeOpenAIReply(200, _files[id]),
                ("POST", ["v1", "batches"]) => Create(JsonNode.Parse(body)!.AsObject()),
                ("GET", ["v1", "batches", var id]) => Retrieve(id),
                _ => null,
            };
        }
    }

    private FakeOpenAIReply Upload(string contentType, string body)
    {
        var boundary = contentType.Split("boundary=")[1].Trim('"');
        var file = body.Split("--" + boundary)
            .Single(part => part.Contains("name=file", StringComparison.Ordinal) ||
                part.Contains("name=\"file\"", StringComparison.Ordinal));
        var content = file[(file.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..^2];
        var id = $"file-{_files.Count + 1}";
        _files[id] = content;
        return Json(new JsonObject
        {
            ["id"] = id,
            ["object"] = "file",
            ["bytes"] = Encoding.UTF8.GetByteCount(content),
            ["created_at"] = 0,
            ["filename"] = "input.jsonl",
            ["purpose"] = "batch",
            ["status"] = "processed",
        });
    }

    private FakeOpenAIReply Create(JsonObject request)
    {
        var id = $"batch-{_batches.Count + 1}";
        var input = _files[request["input_file_id"]!.GetValue<string>()];
        Created.Add(Lines(input).Select(line => line["custom_id"]!.GetValue<string>()).ToList());
        var batch = new JsonObject
        {
            ["id"] = id,
            ["object"] = "batch",
            ["endpoint"] = request["endpoint"]!.GetValue<string>(),
            ["input_file_id"] = request["input_file_id"]!.GetValue<string>(),
            ["completion_window"] = request["completion_window"]!.GetValue<string>(),
            ["status"] = "validating",
            ["created_at"] = 0,
        };
        if (_expireNextAfter is { } answered)
        {
            _expireAfter[id] = answered;
        }
        _expireNextAfter = null;
        if (_failNext is { } message)
        {
            batch["status"] = "failed";
            batch["errors"] = new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray(new JsonObject { ["code"] = "invalid_request", ["message"] = message }),
            };
            _failNext = null;
        }
        _batches[id] = batch;
        return Json(batch);
    }

    private FakeOpenAIReply Retrieve(string id)
    {
        Retrieves++;
        var batch = _batches[id];
        var status = batch["status"]!.GetValue<string>();
        if (status == "validating")
        {
            batch["status"] = "in_progress";
        }
        else if (status == "in_progress" && !Hold)
        {
            Finish(batch);
        }
        return Json(batch);
    }

    // Answers the lines with the server's callback: 200s in the output file, others (and expired lines) in errors.
    private void Finish(JsonObject batch)
    {
        int? expireAfter = _expireAfter.TryGetValue(batch["id"]!.GetValue<string>(), out var answered)
            ? answered
            : null;
        var output = new StringBuilder();
        var errors = new StringBuilder();
        var lines = Lines(_files[batch["input_file_id"]!.GetValue<string>()]).ToList();
        foreach (var (line, index) in lines.Select((line, index) => (line, index)))
        {
            var customId = line["custom_id"]!.GetValue<string>();
            if (index >= expireAfter)
            {
                errors.Append(new JsonObject
                {
                    ["id"] = $"req-{index}",
                    ["custom_id"] = customId,
                    ["response"] = null,
                    ["error"] = new JsonObject { ["code"] = "batch_expired", ["message"] = "window expired" },
                }.ToJsonString()).Append('\n');
                continue;
            }
            var reply = respond(new FakeOpenAIRequest(
                line["url"]!.GetValue<string>(), line["body"]!.DeepClone().AsObject(), ""));
            (reply.Status == 200 ? output : errors).Append(new JsonObject
            {
                ["id"] = $"req-{index}",
                ["custom_id"] = customId,
                ["response"] = new JsonObject
                {
                    ["status_code"] = reply.Status,
                    ["request_id"] = $"request-{index}",
                    ["body"] = JsonNode.Parse(reply.Body),
                },
                ["error"] = null,
            }.ToJsonString()).Append('\n');
        }
        batch["status"] = expireAfter is null ? "completed" : "expired";
        batch["output_file_id"] = AddFile(output.ToString());
        batch["error_file_id"] = errors.Length > 0 ? AddFile(errors.ToString()) : null;
    }

    private string AddFile(string content)
    {
        var id = $"file-{_files.Count + 1}";
        _files[id] = content;
        return id;
    }

    private static IEnumerable<JsonObject> Lines(string jsonl) => jsonl
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => JsonNode.Parse(line)!.AsObject());

    private static FakeOpenAIReply Json(JsonObject body) => new(200, body.ToJsonString());
}
