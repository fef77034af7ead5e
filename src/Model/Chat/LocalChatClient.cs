using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using SelfInstruct.Core.Jinja;
using SelfInstruct.Model.Generation;

namespace SelfInstruct.Model.Chat;

/// <summary>
/// The in-process model as an <see cref="IChatClient"/>, plus a raw-completion entry for base models. Safe for
/// concurrent callers: one generation runs at a time and the others wait their turn; single responses that wait with
/// equal options then run together as one batch, while streams and raw batches run alone. Cancellation is honoured
/// while waiting and between tokens. <see cref="ChatOptions"/> temperature, top-p, top-k, max output tokens, stop
/// sequences, presence and frequency penalties and seed override the defaults given at construction.
/// </summary>
public sealed class LocalChatClient : IChatClient
{
    private readonly TextGenerator _generator;
    private readonly GenerationOptions _defaults;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly RequestBatcher _batcher;
    private readonly ChatClientMetadata _metadata;

    /// <summary>
    /// A client over <paramref name="generator"/>, reporting <paramref name="modelId"/> as its model.
    /// </summary>
    public LocalChatClient(TextGenerator generator, string modelId, GenerationOptions? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        _generator = generator;
        _defaults = defaults ?? new GenerationOptions();
        _defaults.Validate();
        _metadata = new ChatClientMetadata("selfinstruct-local", null, modelId);
        Format = ChatFormat.Of(generator.Tokenizer.ChatTemplate);
        _batcher = new RequestBatcher(generator, _turn);
        RawCompletions = new RawCompletionChatClient(this);
    }

    /// <summary>How chat messages become the prompt: the checkpoint's chat template, or the plain transcript.</summary>
    public ChatFormat Format { get; }

    /// <summary>
    /// The same model as an <see cref="IChatClient"/> for raw completion of base models: the messages' text, joined,
    /// is the prompt as it is (no transcript, no turn stop). It shares this client's turn and lifetime.
    /// </summary>
    public IChatClient RawCompletions { get; }

    /// <summary>The batcher of single responses, for tests to see how many batches ran.</summary>
    internal RequestBatcher Batcher => _batcher;

    /// <summary>Raw completion for base models: continues each prompt as it is, as one batch.</summary>
    /// <exception cref="OperationCanceledException">Cancelled while waiting or between tokens.</exception>
    public Task<IReadOnlyList<GeneratedText>> CompleteAsync(
        IReadOnlyList<string> prompts, GenerationOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        return InTurnAsync(() => _generator.Generate(prompts, options ?? _defaults, null, cancellationToken),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        RespondAsync(messages, options, raw: false, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        StreamAsync(messages, options, raw: false, cancellationToken);

    /// <summary>
    /// One response; <paramref name="raw"/> sends the messages' text as it is instead of a transcript.
    /// </summary>
    internal async Task<ChatResponse> RespondAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, bool raw, CancellationToken cancellationToken)
    {
        var (prompt, generation) = Prepare(messages, options, raw);
        var result = await _batcher.CompleteAsync(prompt, generation, cancellationToken);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, result.Text))
        {
            ModelId = _metadata.DefaultModelId,
            FinishReason = Reason(result.FinishReason),
            Usage = Usage(result),
        };
    }

    /// <summary>A streamed response; <paramref name="raw"/> as for <see cref="RespondAsync"/>.</summary>
    internal async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options,
        bool raw,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (prompt, generation) = Prepare(messages, options, raw);
        var responseId = Guid.NewGuid().ToString("N");
        await foreach (var chunk in CompleteStreamingAsync(prompt, generation, cancellationToken))
        {
            if (chunk.Result is null)
            {
                yield return Update(responseId, [new TextContent(chunk.Text)]);
                continue;
            }
            var last = Update(responseId, [new UsageContent(Usage(chunk.Result))]);
            last.FinishReason = Reason(chunk.Result.FinishReason);
            yield return last;
        }
    }

    /// <summary>
    /// Raw completion of one prompt, streamed: text deltas as they become final (never a part of a stop sequence
    /// or of an unfinished UTF-8 character), then one chunk with the result. A consumer that stops early or
    /// cancels stops the generation.
    /// </summary>
    public async IAsyncEnumerable<CompletionChunk> CompleteStreamingAsync(
        string prompt, GenerationOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var deltas = Channel.CreateUnbounded<string>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                return await InTurnAsync(() => _generator.Generate([prompt], options ?? _defaults,
                    (_, delta) => deltas.Writer.TryWrite(delta), stop.Token), stop.Token);
            }
            finally
            {
                deltas.Writer.TryComplete();
            }
        }, stop.Token);
        GeneratedText result;
        try
        {
            await foreach (var delta in deltas.Reader.ReadAllAsync(cancellationToken))
            {
                // Deltas may be queued already; a cancelled consumer gets none of them.
                cancellationToken.ThrowIfCancellationRequested();
                yield return new CompletionChunk(delta);
            }
            result = (await producer)[0];
        }
        finally
        {
            // Nothing outlives this method: the generation stops and is awaited.
            await stop.CancelAsync();
            await producer.ContinueWith(static _ => { }, CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        yield return new CompletionChunk("", result);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType == typeof(ContextWindow) ? Window(raw: false)
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>The context window of chat (<paramref name="raw"/> false) or raw completion requests.</summary>
    internal ContextWindow Window(bool raw) => new(_generator.Model.Config.MaxPositions,
        (messages, options) => _generator.Tokenizer.Encode(Prepare(messages, options, raw).Prompt).Count);

    /// <summary>Releases the turn lock; the model belongs to whoever made the generator.</summary>
    public void Dispose() => _turn.Dispose();

    private (string Prompt, GenerationOptions Options) Prepare(
        IEnumerable<ChatMessage> messages, ChatOptions? chat, bool raw)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var prompt = raw
            ? string.Concat(messages.Select(message => message.Text))
            : Render(messages, chat?.Instructions);
        var stops = chat?.StopSequences is { Count: > 0 } given ? given.ToList() : [.. _defaults.StopSequences];
        if (!raw)
        {
            stops.AddRange(Format.TurnStops);
        }
        var options = _defaults with
        {
            Temperature = chat?.Temperature ?? _defaults.Temperature,
            TopP = chat?.TopP ?? _defaults.TopP,
            TopK = chat?.TopK ?? _defaults.TopK,
            MaxNewTokens = chat?.MaxOutputTokens ?? _defaults.MaxNewTokens,
            PresencePenalty = chat?.PresencePenalty ?? _defaults.PresencePenalty,
            FrequencyPenalty = chat?.FrequencyPenalty ?? _defaults.FrequencyPenalty,
            // The sampler's Random takes 32 bits; a 64-bit seed folds its halves together.
            Seed = chat?.Seed is { } seed ? (int)(seed ^ (seed >> 32)) : _defaults.Seed,
            StopSequences = stops,
        };
        options.Validate();
        return (prompt, options);
    }

    // Instructions come first as a system message; a conversation the template refuses is a bad request.
    private string Render(IEnumerable<ChatMessage> messages, string? instructions)
    {
        var turns = messages.Select(message => new ChatTurn(message.Role.Value, message.Text)).ToList();
        if (!string.IsNullOrWhiteSpace(instructions))
        {
            turns.Insert(0, new ChatTurn(ChatTurn.System, instructions));
        }
        try
        {
            return Format.Render(turns, addGenerationPrompt: true);
        }
        catch (JinjaException exception)
        {
            throw new ArgumentException(exception.Message, exception);
        }
    }

    private async Task<T> InTurnAsync<T>(Func<T> generate, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(generate, cancellationToken);
        }
        finally
        {
            _turn.Release();
        }
    }

    private ChatResponseUpdate Update(string responseId, IList<AIContent> contents) => new(ChatRole.Assistant, contents)
    {
        ResponseId = responseId,
        ModelId = _metadata.DefaultModelId,
    };

    private static ChatFinishReason Reason(FinishReason reason) =>
        reason == FinishReason.Stop ? ChatFinishReason.Stop : ChatFinishReason.Length;

    private static UsageDetails Usage(GeneratedText result) => new()
    {
        InputTokenCount = result.PromptTokenCount,
        OutputTokenCount = result.TokenIds.Count,
        TotalTokenCount = result.PromptTokenCount + result.TokenIds.Count,
    };
}
