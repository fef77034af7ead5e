using System.Security.Cryptography;
using Microsoft.Extensions.AI;

namespace SelfInstruct.Bench.Generate;

/// <summary>
/// A zero-latency model: answers at once, from a hash of the prompt, with novel text (random words from a large
/// vocabulary): instruction lists, "No" to classification, two input-first instances, or for an Alpaca-style prompt
/// its 20 whole tasks. Inputs are 12 words and outputs 30 in both styles, so their token counts compare. Usage is
/// counted as the API would roughly count it, four characters a token. Safe for concurrent use.
/// </summary>
internal sealed partial class InstantModel : IChatClient
{
    private const int AlpacaTasks = 20;

    private static readonly string[] _verbs = ["Describe", "Explain", "Summarize", "Compare", "List", "Rewrite"];

    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var prompt = messages.Last().Text;
        var random = new Random(BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(prompt))));
        var text = prompt.EndsWith("Is it classification?", StringComparison.Ordinal) ? " No"
            : prompt.EndsWith("Example 1", StringComparison.Ordinal) ? Instances(random)
            : AlpacaHeader().IsMatch(prompt) ? AlpacaTaskList(random)
            : Instructions(random);
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
    private static string Instructions(Random random)
    {
        var items = Enumerable.Range(0, 7).Select(_ => Instruction(random));
        return " " + string.Join("\n", items.Select((item, index) => index == 0 ? item : $"{index + 9}. {item}"));
    }

    private static string Instances(Random random) =>
        $"\nInput: {Words(random, 12)}\nOutput: {Words(random, 30)}\n" +
        $"Example 2\nInput: {Words(random, 12)}\nOutput: {Words(random, 30)}";

    // The tasks after the prompt's open "Task 4" header, as a chat model writes them.
    private static string AlpacaTaskList(Random random) => string.Join("\n\n", Enumerable.Range(0, AlpacaTasks)
        .Select(index => $"{(index == 0 ? "" : $"Task {index + 4}\n")}Instruction: {Instruction(random)}\n" +
            $"Input: {Words(random, 12)}\nOutput: {Words(random, 30)}"));

    private static string Instruction(Random random) => $"{_verbs[random.Next(_verbs.Length)]} {Words(random, 8)}.";

    private static string Words(Random random, int count) =>
        string.Join(' ', Enumerable.Range(0, count).Select(_ => $"w{random.Next(65_536):x4}"));

    [GeneratedRegex(@"\nTask \d+$")]
    private static partial Regex AlpacaHeader();
}
