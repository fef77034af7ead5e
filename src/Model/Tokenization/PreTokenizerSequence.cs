namespace SelfInstruct.Model.Tokenization;

/// <summary>
/// The <c>pre_tokenizer</c> of a <c>tokenizer.json</c> as steps applied in sequence, each to every piece the one
/// before it made (Microsoft.ML.Tokenizers' composite pre-tokenizer does not split the pieces of its first step
/// again, so it cannot stand in for Hugging Face's <c>Sequence</c>): <c>Split</c> with a regex or a string and any
/// behaviour (Llama 3 and Qwen2/3 isolate regex matches, Gemma merges spaces with the piece before), <c>Digits</c>
/// (SmolLM), <c>ByteLevel</c> (GPT-2's regex when <c>use_regex</c>), <c>Metaspace</c> (SentencePiece-style files
/// converted by newer transformers: spaces become the replacement, which is prepended always, never, or only to the
/// piece that begins the text, and with <c>split</c> each replacement starts a piece), and <c>Sequence</c>s of
/// these; none means the whole text is one piece, as older SentencePiece-style files have it. Any other type or
/// setting is refused with the field named.
/// </summary>
internal sealed class PreTokenizerSequence
{
    private static readonly string[] _behaviors = ["Isolated", "Removed", "MergedWithPrevious", "MergedWithNext",
        "Contiguous"];

    private readonly IReadOnlyList<Func<string, bool, IEnumerable<string>>> _steps;

    private PreTokenizerSequence(IReadOnlyList<Func<string, bool, IEnumerable<string>>> steps) => _steps = steps;

    /// <summary>The pre-tokenizer <paramref name="node"/> describes (null: none).</summary>
    /// <exception cref="InvalidDataException">A step's type or setting is one we do not implement.</exception>
    public static PreTokenizerSequence Read(string path, JsonNode? node)
    {
        var steps = new List<Func<string, bool, IEnumerable<string>>>();
        if (node is not null)
        {
            AddSteps(path, "pre_tokenizer", node, steps);
        }
        return new PreTokenizerSequence(steps);
    }

    /// <summary>
    /// The pieces of <paramref name="text"/>, in order; <paramref name="atStart"/> says whether the text begins the
    /// whole input (no added token before it), which only Metaspace's <c>first</c> scheme looks at.
    /// </summary>
    public IEnumerable<string> Split(string text, bool atStart) =>
        _steps.Aggregate((IEnumerable<string>)[text], (pieces, step) =>
            pieces.SelectMany((piece, index) => step(piece, atStart && index == 0)));

    private static void AddSteps(
        string path, string field, JsonNode node, List<Func<string, bool, IEnumerable<string>>> steps)
    {
        var step = node as JsonObject ?? throw DataFormatError.In(path, field, "an object", node.ToJsonString());
        var type = step["type"]?.GetValue<string>();
        switch (type)
        {
            case "Sequence":
                var children = step["pretokenizers"] as JsonArray ?? [];
                for (var i = 0; i < children.Count; i++)
                {
                    AddSteps(path, $"{field}.pretokenizers[{i}]", children[i]!, steps);
                }
                break;
            case "Split":
                Require(path, field, step, "invert", false);
                var regex = step["pattern"]?["Regex"]?.GetValue<string>()
                    ?? (step["pattern"]?["String"]?.GetValue<string>() is { } literal ? Regex.Escape(literal) : null)
                    ?? throw DataFormatError.In(path, $"{field}.pattern", "{\"Regex\": ...} or {\"String\": ...}",
                        step["pattern"]?.ToJsonString() ?? "none");
                var behavior = step["behavior"]?.GetValue<string>() ?? "Isolated";
                if (!_behaviors.Contains(behavior))
                {
                    throw DataFormatError.In(path, $"{field}.behavior", string.Join(", ", _behaviors), behavior);
                }
                steps.Add(SplitStep(regex, behavior));
                break;
            case "Digits":
                var individual = step["individual_digits"]?.GetValue<bool>() == true;
                steps.Add(SplitStep(individual ? @"\p{N}" : @"\p{N}+", "Isolated"));
                break;
            case "ByteLevel":
                // Absent counts as false here, as the files the byte-level families ship always say false.
                Require(path, field, step, "add_prefix_space", false);
                if (step["use_regex"]?.GetValue<bool>() != false)
                {
                    steps.Add(SplitStep(ModelTokenizer.Gpt2PreTokenizer().ToString(), "Isolated"));
                }
                break;
            case "Metaspace":
                steps.Add(Metaspace(path, field, step));
                break;
            default:
                throw DataFormatError.In(path, $"{field}.type", "Split, Digits, ByteLevel, Metaspace or Sequence",
                    type ?? "none");
        }
    }

    private static Func<string, bool, IEnumerable<string>> SplitStep(string pattern, string behavior)
    {
        var regex = new Regex(pattern, RegexOptions.Compiled);
        return (piece, _) => Split(Segments(regex, piece), behavior);
    }

    // The matches of the pattern (true) and the text between them (false), in order; empty matches are skipped.
    private static List<(string Text, bool IsMatch)> Segments(Regex regex, string text)
    {
        var segments = new List<(string, bool)>();
        var last = 0;
        foreach (var match in regex.Matches(text).Where(match => match.Length > 0))
        {
            if (match.Index > last)
            {
                segments.Add((text[last..match.Index], false));
            }
            segments.Add((match.Value, true));
            last = match.Index + match.Length;
        }
        if (last < text.Length)
        {
            segments.Add((text[last..], false));
        }
        return segments;
    }

    // Hugging Face's SplitDelimiterBehavior: a match that follows a non-match merges into the piece before
    // (MergedWithPrevious) or, read from the end, into the piece after (MergedWithNext); runs of matches join
    // (Contiguous); matches go (Removed) or stand alone (Isolated).
    private static List<string> Split(List<(string Text, bool IsMatch)> segments, string behavior)
    {
        if (behavior is "Isolated" or "Removed")
        {
            return [.. segments.Where(segment => behavior == "Isolated" || !segment.IsMatch).Select(s => s.Text)];
        }
        var withNext = behavior == "MergedWithNext";
        var result = new List<string>();
        var previous = false;
        foreach (var (text, isMatch) in withNext ? Enumerable.Reverse(segments) : segments)
        {
            var merges = behavior == "Contiguous" ? isMatch && previous : isMatch && !previous;
            if (merges && result.Count > 0)
            {
                result[^1] = withNext ? text + result[^1] : result[^1] + text;
            }
            else
            {
                result.Add(text);
            }
            previous = isMatch;
        }
        if (withNext)
        {
            result.Reverse();
        }
        return result;
    }

    private static Func<string, bool, IEnumerable<string>> Metaspace(string path, string field, JsonObject step)
    {
        var replacement = step["replacement"]?.GetValue<string>() ?? "▁";
        var scheme = step["prepend_scheme"]?.GetValue<string>() ?? "always";
        if (scheme is not ("always" or "never" or "first"))
        {
            throw DataFormatError.In(path, $"{field}.prepend_scheme", "always, never or first", scheme);
        }
        // With split, each replacement starts a piece (Hugging Face's MergedWithNext).
        var split = step["split"]?.GetValue<bool>() == true ? new Regex(Regex.Escape(replacement)) : null;
        return (piece, atStart) =>
        {
            var text = piece.Replace(" ", replacement, StringComparison.Ordinal);
            if ((scheme == "always" || (scheme == "first" && atStart))
                && !text.StartsWith(replacement, StringComparison.Ordinal))
            {
                text = replacement + text;
            }
            return split is null ? [text] : Split(Segments(split, text), "MergedWithNext");
        };
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
