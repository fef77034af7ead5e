using Microsoft.Extensions.AI;

namespace SelfInstruct.Model.Chat;

/// <summary>
/// <see cref="LocalChatClient.RawCompletions"/>: the local model continuing the messages' text as it is, through
/// its owner's turn, so the two never run the model at once.
/// </summary>
internal sealed class RawCompletionChatClient(LocalChatClient owner) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        owner.RespondAsync(messages, options, raw: true, cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        owner.StreamAsync(messages, options, raw: true, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? owner.GetService(serviceType)
        : serviceType == typeof(ContextWindow) ? owner.Window(raw: true)
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    /// <summary>Nothing to release: the owner holds the turn and the model.</summary>
    public void Dispose()
    {
    }
}
