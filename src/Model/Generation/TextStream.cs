using SelfInstruct.Model.Tokenization;

namespace SelfInstruct.Model.Generation;

/// <summary>
/// Turns one row's growing token list into text deltas that never need taking back: it holds back a trailing
/// U+FFFD (an unfinished UTF-8 sequence), half a surrogate pair, and the last characters that could still begin a
/// stop sequence, and it never passes a stop sequence's start. The deltas joined equal the final text.
/// </summary>
internal sealed class TextStream(ModelTokenizer tokenizer, IReadOnlyList<string> stopSequences, Action<string> emit)
{
    private readonly List<int> _tokens = [];
    private readonly int _holdBack = stopSequences.Count == 0 ? 0 : stopSequences.Max(stop => stop.Length) - 1;
    private int _emitted;

    /// <summary>Takes the row's next token and emits whatever text became final.</summary>
    public void Add(int token)
    {
        _tokens.Add(token);
        var text = tokenizer.Decode(_tokens);
        var safe = text.Length;
        while (safe > 0 && text[safe - 1] == '\uFFFD')
        {
            safe--;
        }
        safe = Math.Min(safe, text.Length - _holdBack);
        var stop = TextGenerator.StopIndex(text, stopSequences);
        if (stop >= 0)
        {
            safe = Math.Min(safe, stop);
        }
        if (safe > 0 && char.IsHighSurrogate(text[safe - 1]))
        {
            safe--;
        }
        Emit(text, safe);
    }

    /// <summary>Emits the rest of the final text.</summary>
    public void Finish(string finalText) => Emit(finalText, finalText.Length);

    private void Emit(string text, int end)
    {
        if (end > _emitted)
        {
            emit(text[_emitted..end]);
            _emitted = end;
        }
    }
}
