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
    /// <exception cref="ArgumentException">A prompt encodes to no tokens or fills the context.</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested between tokens.</exception>
    public IReadOnlyList<GeneratedText> Generate(
        IReadOnlyList<string> prompts, GenerationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(options);
        var encoded = prompts.Select(tokenizer.Encode).ToList();
        var endOfSequence = model.Config.EosTokenIds.Concat(tokenizer.EosTokenId is { } eos ? [eos] : [])
            .ToHashSet();
        Func<int, IReadOnlyList<int>, bool>? isStopped = options.StopSequences.Count == 0
            ? null
            : (_, tokens) => StopIndex(tokenizer.Decode(tokens), options.StopSequences) >= 0;
        var results = _tokens.Generate(encoded, options, endOfSequence, isStopped, null, cancellationToken);
        return results.Select((result, row) =>
        {
            var text = tokenizer.Decode(result.TokenIds);
            var stop = StopIndex(text, options.StopSequences);
            return new GeneratedText(stop >= 0 ? text[..stop] : text, result.TokenIds, result.FinishReason,
                encoded[row].Count);
        }).ToList();
    }

    private static int StopIndex(string text, IReadOnlyList<string> stopSequences) =>
        stopSequences.Select(stop => text.IndexOf(stop, StringComparison.Ordinal))
            .Where(index => index >= 0)
            .DefaultIfEmpty(-1)
            .Min();
}
