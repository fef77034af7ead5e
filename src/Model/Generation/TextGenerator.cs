using SelfInstruct.Model.Tokenization;

namespace SelfInstruct.Model.Generation;

/// <summary>
/// Text in, text out: encodes prompts with the checkpoint's tokenizer, generates with <see cref="TokenGenerator"/>,
/// ends a row at the model's or the tokenizer's end-of-sequence id or at a stop sequence, and decodes.
/// </summary>
public sealed class TextGenerator(CausalLanguageModel model, ModelTokenizer tokenizer)
{
    private readonly TokenGenerator _tokens = new(model);

    /// <summary>The model behind this generator.</summary>
    public CausalLanguageModel Model => model;

    /// <summary>The tokenizer behind this generator.</summary>
    public ModelTokenizer Tokenizer => tokenizer;

    /// <summary>
    /// Completes every prompt as a batch. The text of a row that met a stop sequence ends where the stop sequence
    /// starts; its token ids are all the tokens generated, the stop sequence's included.
    /// </summary>
    /// <param name="prompts">The prompts, generated as one batch.</param>
    /// <param name="options">How to pick tokens and when to stop.</param>
    /// <param name="onText">When given, receives (row, text delta) as text becomes final; a row's deltas joined
    /// equal its result's text.</param>
    /// <param name="cancellationToken">Checked between tokens.</param>
    /// <exception cref="ArgumentException">A prompt encodes to no tokens or fills the context.</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested between tokens.</exception>
    public IReadOnlyList<GeneratedText> Generate(
        IReadOnlyList<string> prompts,
        GenerationOptions options,
        Action<int, string>? onText = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(options);
        var encoded = prompts.Select(tokenizer.Encode).ToList();
        var endOfSequence = model.Config.EosTokenIds.Concat(tokenizer.EosTokenId is { } eos ? [eos] : [])
            .ToHashSet();
        Func<int, IReadOnlyList<int>, bool>? isStopped = options.StopSequences.Count == 0
            ? null
            : (_, tokens) => StopIndex(tokenizer.Decode(tokens), options.StopSequences) >= 0;
        var streams = onText is null
            ? null
            : Enumerable.Range(0, prompts.Count)
                .Select(row => new TextStream(tokenizer, options.StopSequences, delta => onText(row, delta)))
                .ToArray();
        Action<int, int>? onToken = streams is null ? null : (row, token) => streams[row].Add(token);
        var results = _tokens.Generate(encoded, options, endOfSequence, isStopped, onToken, cancellationToken);
        return results.Select((result, row) =>
        {
            var text = tokenizer.Decode(result.TokenIds);
            var stop = StopIndex(text, options.StopSequences);
            var generated = new GeneratedText(stop >= 0 ? text[..stop] : text, result.TokenIds, result.FinishReason,
                encoded[row].Count);
            streams?[row].Finish(generated.Text);
            return generated;
        }).ToList();
    }

    /// <summary>Where the first stop sequence starts in <paramref name="text"/>, or -1.</summary>
    internal static int StopIndex(string text, IReadOnlyList<string> stopSequences) =>
        stopSequences.Select(stop => text.IndexOf(stop, StringComparison.Ordinal))
            .Where(index => index >= 0)
            .DefaultIfEmpty(-1)
            .Min();
}
