using System.Security.Cryptography;
using Microsoft.Extensions.AI;

namespace SelfInstruct.Bench.Generate;

/// <summary>
/// A zero-latency model: answers at once, from a hash of the prompt, with novel instructions (random words from a
/// large vocabulary), "No" to classification, and two input-first instances. Safe for concurrent use.
/// </summary>
internal sealed class InstantModel : IChatClient
{
    private static readonly string[] _verbs = ["Describe", "Explain", "Summarize", "Compare", "List", "Rewrite"];

    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var prompt = messages.Last().Text;
        var text = prompt.EndsWith("Is it classification?", StringComparison.Ordinal) ? " No"
            : prompt.EndsWith("Example 1", StringComparison.Ordinal)
                ? "\nInput: first input\nOutput: first output\nExample 2\nInput: second input\nOutput: second output"
                : Instructions(prompt);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = prompt.Length / 4, OutputTokenCount = text.Length / 4 },
        });
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("the pipeline never streams");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    // Seven items of eight words drawn from 65,536 made-up words: new instructions almost never look alike.
    private static string Instructions(string prompt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(prompt));
        var random = new Random(BitConverter.ToInt32(hash));
        var items = Enumerable.Range(0, 7).Select(_ =>
            $"{_verbs[random.Next(_verbs.Length)]} " +
            string.Join(' ', Enumerable.Range(0, 8).Select(_ => $"w{random.Next(65_536):x4}")) + ".");
        return " " + string.Join("\n", items.Select((item, index) => index == 0 ? item : $"{index + 9}. {item}"));
    }
}
