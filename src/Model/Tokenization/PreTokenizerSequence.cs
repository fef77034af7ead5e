namespace SelfInstruct.Model.Tokenization;

/// <summary>
/// The <c>pre_tokenizer</c> of a <c>tokenizer.json</c> as regexes applied in sequence, each to every piece the one
/// before it made (Microsoft.ML.Tokenizers' composite pre-tokenizer does not split the pieces of its first step again,
/// so it cannot stand in for Hugging Face's <c>Sequence</c>): <c>Split</c> with a regex and the <c>Isolated</c> behaviour (Llama 3, Qwen2/3), <c>Digits</c> (SmolLM),
/// <c>ByteLevel</c> (GPT-2's regex when <c>use_regex</c>), and <c>Sequence</c>s of these; none means the whole text is
/// one piece, as SentencePiece-style files have it. Any other type or setting is refused with the field named.
/// </summary>
internal sealed class PreTokenizerSequence
{
    private readonly IReadOnlyList<Regex> _steps;

    private PreTokenizerSequence(IReadOnlyList<Regex> steps) => _steps = steps;

    /// <summary>The pre-tokenizer <paramref name="node"/> describes (null: none).</summary>
    /// <exception cref="InvalidDataException">A step's type or setting is one we do not implement.</exception>
    public static PreTokenizerSequence Read(string path, JsonNode? node)
    {
        var patterns = new List<string>();
        if (node is not null)
        {
            AddPatterns(path, "pre_tokenizer", node, patterns);
        }
        return new PreTokenizerSequence([.. patterns.Select(pattern => new Regex(pattern, RegexOptions.Compiled))]);
    }

    /// <summary>The pieces of <paramref name="text"/>, in order; they join to the text.</summary>
    public IEnumerable<string> Split(string text) =>
        _steps.Aggregate((IEnumerable<string>)[text], (pieces, step) =>
            pieces.SelectMany(piece => step.Matches(piece).Select(match => match.Value)));

    // Hugging Face's Isolated split keeps the text between matches as pieces too: the second alternative takes each
    // run of characters where the pattern does not match.
    private static string Isolated(string pattern) => $"(?:{pattern})|(?:(?!(?:{pattern}))[\\s\\S])+";

    private static void AddPatterns(string path, string field, JsonNode node, List<string> patterns)
    {
        var step = node as JsonObject ?? throw DataFormatError.In(path, field, "an object", node.ToJsonString());
        var type = step["type"]?.GetValue<string>();
        switch (type)
        {
            case "Sequence":
                var children = step["pretokenizers"] as JsonArray ?? [];
                for (var i = 0; i < children.Count; i++)
                {
                    AddPatterns(path, $"{field}.pretokenizers[{i}]", children[i]!, patterns);
                }
                break;
            case "Split":
                Require(path, field, step, "behavior", "Isolated");
                Require(path, field, step, "invert", false);
                var regex = step["pattern"]?["Regex"]?.GetValue<string>()
                    ?? (step["pattern"]?["String"]?.GetValue<string>() is { } literal ? Regex.Escape(literal) : null)
                    ?? throw DataFormatError.In(path, $"{field}.pattern", "{\"Regex\": ...} or {\"String\": ...}",
                        step["pattern"]?.ToJsonString() ?? "none");
                patterns.Add(Isolated(regex));
                break;
            case "Digits":
                patterns.Add(step["individual_digits"]?.GetValue<bool>() == true ? @"\p{N}|\P{N}+" : @"\p{N}+|\P{N}+");
                break;
            case "ByteLevel":
                // Absent counts as false here, as the files the byte-level families ship always say false.
                Require(path, field, step, "add_prefix_space", false);
                if (step["use_regex"]?.GetValue<bool>() != false)
                {
                    patterns.Add(ModelTokenizer.Gpt2PreTokenizer().ToString());
                }
                break;
            default:
                throw DataFormatError.In(path, $"{field}.type", "Split, Digits, ByteLevel or Sequence", type ?? "none");
        }
    }

    private static void Require<T>(string path, string field, JsonObject step, string key, T expected)
    {
        var value = step[key];
        if (value is not null && !Equals(value.GetValue<T>(), expected))
        {
            var text = expected is bool flag ? (flag ? "true" : "false") : $"\"{expected}\"";
            throw DataFormatError.In(path, $"{field}.{key}", text, value.ToJsonString());
        }
    }
}
