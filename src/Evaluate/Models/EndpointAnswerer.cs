using Microsoft.Extensions.AI;

namespace SelfInstruct.Evaluate.Models;

/// <summary>
/// An endpoint behind an <see cref="IChatClient"/>: one request per prompt at temperature 0, at most
/// <c>concurrency</c> in flight. The first failure stops new requests; answers already reported stand.
/// </summary>
public sealed class EndpointAnswerer(IChatClient client, int maxNewTokens, int concurrency) : IAnswerer
{
    public async Task AnswerAsync(
        IReadOnlyList<PendingPrompt> prompts, Func<ModelAnswer, Task> onAnswer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(onAnswer);
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = maxNewTokens };
        await Parallel.ForEachAsync(
            prompts,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (prompt, token) =>
            {
                var response = await client.GetResponseAsync(
                    [new ChatMessage(ChatRole.User, prompt.Prompt)], options.Clone(), token);
                await onAnswer(new ModelAnswer(
                    prompt.InstanceId,
                    response.Text.Trim(),
                    response.FinishReason == ChatFinishReason.Length ? "length" : "stop",
                    (int?)response.Usage?.InputTokenCount,
                    (int?)response.Usage?.OutputTokenCount,
                    false));
            });
    }

    public void Dispose() => client.Dispose();
}
