namespace SelfInstruct.Core.Formats;

/// <summary>
/// The JSON-lines formats OpenAI-style fine-tuning tools take: chat (<c>{"messages": [user, assistant]}</c>) and
/// legacy completions (<c>{"prompt", "completion"}</c>, as the paper fine-tuned GPT-3). The user turn or prompt is
/// <see cref="ChatFormat.UserMessage"/>: the instruction, then the input after a blank line when there is one. The
/// chat lines are TRL's conversational format as well.
/// </summary>
public static class OpenAIFineTuningJsonl
{
    /// <summary>What ends a completions-format prompt; the completion starts with a space after it.</summary>
    public const string PromptSeparator = "\n\nOutput:";

    /// <summary>Writes one chat example per row, atomically.</summary>
    public static Task WriteChatAsync(string path, IEnumerable<DatasetRow> rows, CancellationToken cancellationToken) =>
        WriteLinesAsync(path, rows.Select(row => new JsonObject
        {
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = Query(row) },
                new JsonObject { ["role"] = "assistant", ["content"] = row.Output }),
        }), cancellationToken);

    /// <summary>Writes one prompt/completion pair per row, atomically.</summary>
    public static Task WriteCompletionsAsync(
        string path, IEnumerable<DatasetRow> rows, CancellationToken cancellationToken) =>
        WriteLinesAsync(path, rows.Select(row => new JsonObject
        {
            ["prompt"] = Query(row) + PromptSeparator,
            ["completion"] = " " + row.Output,
        }), cancellationToken);

    // The same user's message as our own chat fine-tuning format, so a model trained elsewhere is asked alike.
    private static string Query(DatasetRow row) => ChatFormat.UserMessage(row.Instruction, row.Input);

    private static Task WriteLinesAsync(string path, IEnumerable<JsonObject> lines, CancellationToken token) =>
        AtomicFile.WriteAsync(path, async stream =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: -1, leaveOpen: true);
            foreach (var line in lines)
            {
                await writer.WriteLineAsync(line.ToJsonString(JsonOptions.Compact).AsMemory(), token);
            }
        }, token);
}
