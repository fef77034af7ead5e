using Microsoft.Extensions.AI;

namespace SelfInstruct.Model.Chat;

/// <summary>
/// A local chat client's context length and how many of its tokens a request's prompt takes, as the client would
/// render it; ask the client for it with <c>GetService&lt;ContextWindow&gt;()</c>. A server uses it to refuse a
/// request that cannot fit, as vLLM and OpenAI do, instead of a silently shortened completion.
/// </summary>
/// <param name="Length">The model's context length in tokens.</param>
/// <param name="PromptTokens">The prompt's token count for the messages and options.</param>
public sealed record ContextWindow(int Length, Func<IEnumerable<ChatMessage>, ChatOptions?, int> PromptTokens);
