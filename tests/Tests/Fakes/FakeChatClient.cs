using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace SelfInstruct.Tests.Fakes;

/// <summary>
/// A chat client that answers each request with what the test's callback says, from the prompt text (the last
/// message) and the options. It records every prompt it was sent.
/// </summary>
public sealed class FakeChatClient(Func<string, ChatOptions?, CancellationToken, Task<ChatResponse>> respond)
    : IChatClient
{
    private readonly ConcurrentQueue<(string Prompt, ChatOptions? Options)> _requests = new();

    public FakeChatClient(Func<string, ChatOptions?, ChatResponse> respond)
        : this((prompt, options, _) => Task.FromResult(respond(prompt, options)))
    {
    }

    /// <summary>Every prompt sent, with its options, in order of arrival.</summary>
    public IReadOnlyList<(string Prompt, ChatOptions? Options)> Requests => _requests.ToList();

    /// <summary>A response with text, a finish reason, and token usage.</summary>
    public static ChatResponse Reply(string text, ChatFinishReason? finishReason = null, long input = 100,
        long output = 20) =>
        new(new ChatMessage(ChatRole.Assistant, text))
        {
            FinishReason = finishReason ?? ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output },
        };

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var prompt = messages.Last().Text;
        _requests.Enqueue((prompt, options));
        cancellationToken.ThrowIfCancellationRequested();
        return await respond(prompt, options, cancellationToken);
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
}
