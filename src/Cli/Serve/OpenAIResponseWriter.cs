using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace SelfInstruct.Cli.Serve;

/// <summary>Writes a chat or completions answer in OpenAI's JSON, whole or as server-sent event chunks.</summary>
internal sealed class OpenAIResponseWriter(HttpContext context, string model, bool isChat)
{
    private readonly string _id = (isChat ? "chatcmpl-" : "cmpl-") + Guid.NewGuid().ToString("N");
    private readonly long _created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public Task WriteAsync(ChatResponse response)
    {
        var choice = new JsonObject { ["index"] = 0, ["finish_reason"] = FinishReason(response.FinishReason) };
        if (isChat)
        {
            choice["message"] = new JsonObject { ["role"] = "assistant", ["content"] = response.Text };
        }
        else
        {
            choice["text"] = response.Text;
        }
        var body = Envelope(isChat ? "chat.completion" : "text_completion", choice);
        body["usage"] = Usage(response.Usage);
        return context.Response.WriteAsJsonAsync(body, context.RequestAborted);
    }

    public async Task StreamAsync(IAsyncEnumerable<ChatResponseUpdate> updates, bool includeUsage)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var usage = new UsageDetails();
        ChatFinishReason? finishReason = null;
        await foreach (var update in updates)
        {
            finishReason = update.FinishReason ?? finishReason;
            foreach (var content in update.Contents.OfType<UsageContent>())
            {
                usage.Add(content.Details);
            }
            if (!string.IsNullOrEmpty(update.Text))
            {
                await SendAsync(Chunk(update.Text, null));
            }
        }
        await SendAsync(Chunk("", FinishReason(finishReason)));
        if (includeUsage)
        {
            var usageChunk = Envelope(ChunkObject, null);
            usageChunk["choices"] = new JsonArray();
            usageChunk["usage"] = Usage(usage);
            await SendAsync(usageChunk);
        }
        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
    }

    private string ChunkObject => isChat ? "chat.completion.chunk" : "text_completion";

    private JsonObject Chunk(string text, string? finishReason)
    {
        var choice = new JsonObject { ["index"] = 0, ["finish_reason"] = finishReason };
        if (isChat)
        {
            choice["delta"] = finishReason is null
                ? new JsonObject { ["role"] = "assistant", ["content"] = text }
                : new JsonObject();
        }
        else
        {
            choice["text"] = text;
        }
        return Envelope(ChunkObject, choice);
    }

    private JsonObject Envelope(string objectType, JsonObject? choice) => new()
    {
        ["id"] = _id,
        ["object"] = objectType,
        ["created"] = _created,
        ["model"] = model,
        ["choices"] = choice is null ? new JsonArray() : new JsonArray(choice),
    };

    private async Task SendAsync(JsonObject chunk)
    {
        await context.Response.WriteAsync($"data: {chunk.ToJsonString()}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static string FinishReason(ChatFinishReason? reason) =>
        reason == ChatFinishReason.Length ? "length" : "stop";

    private static JsonObject Usage(UsageDetails? usage) => new()
    {
        ["prompt_tokens"] = usage?.InputTokenCount ?? 0,
        ["completion_tokens"] = usage?.OutputTokenCount ?? 0,
        ["total_tokens"] = usage?.TotalTokenCount ?? (usage?.InputTokenCount ?? 0) + (usage?.OutputTokenCount ?? 0),
    };
}
