using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace SelfInstruct.Tests.Fakes;

/// <summary>An <see cref="IChatClient"/> answering with what the test's callback returns; it records calls.</summary>
public sealed class CallbackChatClient(Func<IReadOnlyList<ChatMessage>, ChatOptions?, Task<ChatResponse>> answer)
    : IChatClient
{
    public CallbackChatClient(Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse> answer)
        : this((messages, options) => Task.FromResult(answer(messages, options)))
    {
    }

    public List<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Calls { get; } = [];

    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        lock (Calls)
        {
            Calls.Add((list, options));
        }
        return answer(list, options);
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

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    /// <summary>A response with text, a finish reason and token counts.</summary>
    public static ChatResponse Reply(string text, ChatFinishReason? finishReason = null) =>
        new(new ChatMessage(ChatRole.Assistant, text))
        {
            FinishReason = finishReason ?? ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = 5, OutputTokenCount = 3, TotalTokenCount = 8 },
        };
}
