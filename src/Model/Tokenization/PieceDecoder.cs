namespace SelfInstruct.Model.Tokenization;

/// <summary>
/// The <c>decoder</c> of a SentencePiece-style <c>tokenizer.json</c> (Gemma, Llama 2, Phi-3): a <c>Sequence</c> of
/// <c>Replace</c> (a literal, "▁" back to " "), <c>ByteFallback</c> (runs of <c>&lt;0xNN&gt;</c> tokens back to
/// UTF-8, each byte of an invalid run one U+FFFD), <c>Fuse</c>, <c>Strip</c> and <c>Metaspace</c>, applied to
/// every token's text as Hugging Face does, added tokens included. Microsoft.ML.Tokenizers decodes only its own
/// SentencePiece models, so this is written here; any other step is refused with the field named.
/// </summary>
internal sealed class PieceDecoder
{
    private static readonly UTF8Encoding _strictUtf8 = new(false, throwOnInvalidBytes: true);

    private readonly IReadOnlyList<Func<List<string>, List<string>>> _steps;

    private PieceDecoder(IReadOnlyList<Func<List<string>, List<string>>> steps) => _steps = steps;

    /// <exception cref="InvalidDataException">A step's type or field is one we do not implement.</exception>
    public static PieceDecoder Read(string path, JsonNode? node)
    {
        var decoder = node as JsonObject
            ?? throw DataFormatError.In(path, "decoder",
                "a Sequence of Replace, ByteFallback, Fuse, Strip and Metaspace", node?.ToJsonString() ?? "none");
        var children = decoder["type"]?.GetValue<string>() == "Sequence"
            ? (decoder["decoders"] as JsonArray ?? []).ToList()
            : [decoder];
        return new PieceDecoder([.. children.Select((child, i) => Step(path, $"decoder.decoders[{i}]", child))]);
    }

    /// <summary>The text of the tokens, in order.</summary>
    public string Decode(IEnumerable<string> tokens) =>
        string.Concat(_steps.Aggregate(tokens.ToList(), (current, step) => step(current)));

    private static Func<List<string>, List<string>> Step(string path, string field, JsonNode? node)
    {
        var step = node as JsonObject;
        switch (step?["type"]?.GetValue<string>())
        {
            case "Replace":
                var pattern = step["pattern"]?["String"]?.GetValue<string>()
                    ?? throw DataFormatError.In(path, $"{field}.pattern", "{\"String\": ...}",
                        step["pattern"]?.ToJsonString() ?? "none");
                var content = step["content"]?.GetValue<string>() ?? "";
                return tokens => [.. tokens.Select(token => token.Replace(pattern, content, StringComparison.Ordinal))];
            case "ByteFallback":
                return ByteFallback;
            case "Metaspace":
                // The first token loses its replacements (the prepended one and any other), unless none was prepended.
                var replacement = step["replacement"]?.GetValue<string>() ?? "▁";
                var dropFirst = step["prepend_scheme"]?.GetValue<string>() != "never";
                return tokens => [.. tokens.Select((token, i) =>
                    token.Replace(replacement, i == 0 && dropFirst ? "" : " ", StringComparison.Ordinal))];
            case "Fuse":
                return tokens => [string.Concat(tokens)];
            case "Strip":
                var strip = step["content"]?.GetValue<string>() is [var character] ? character : ' ';
                var start = step["start"]?.GetValue<int>() ?? 0;
                var stop = step["stop"]?.GetValue<int>() ?? 0;
                return tokens => [.. tokens.Select(token => Strip(token, strip, start, stop))];
            default:
                throw DataFormatError.In(path, $"{field}.type", "Replace, ByteFallback, Fuse, Strip or Metaspace",
                    step?["type"]?.GetValue<string>() ?? "none");
        }
    }

    private static List<string> ByteFallback(List<string> tokens)
    {
        var result = new List<string>();
        var pending = new List<byte>();
        foreach (var token in tokens)
        {
            if (ByteOf(token) is { } value)
            {
                pending.Add(value);
                continue;
            }
            Flush(pending, result);
            result.Add(token);
        }
        Flush(pending, result);
        return result;
    }

    private static void Flush(List<byte> pending, List<string> result)
    {
        if (pending.Count == 0)
        {
            return;
        }
        try
        {
            result.Add(_strictUtf8.GetString([.. pending]));
        }
        catch (DecoderFallbackException)
        {
            result.AddRange(Enumerable.Repeat("\uFFFD", pending.Count));
        }
        pending.Clear();
    }

    /// <summary>The byte a <c>&lt;0xNN&gt;</c> token stands for, or null for any other token.</summary>
    internal static byte? ByteOf(string token) =>
        token is ['<', '0', 'x', _, _, '>']
        && byte.TryParse(token.AsSpan(3, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture,
            out var value)
            ? value
            : null;

    private static string Strip(string token, char content, int start, int stop)
    {
        var from = 0;
        while (from < Math.Min(start, token.Length) && token[from] == content)
        {
            from++;
        }
        var to = token.Length;
        while (to > from && token.Length - to < stop && token[to - 1] == content)
        {
            to--;
        }
        return token[from..to];
    }
}
