namespace SelfInstruct.Model.Tokenization;

/// <summary>
/// The <c>normalizer</c> of a <c>tokenizer.json</c>: Unicode forms (Qwen2/3 use NFC), <c>Replace</c> of a literal
/// string (SentencePiece-style files replace " " with "▁"), <c>Prepend</c> (Llama 2 and Phi-3 prepend "▁"), and
/// <c>Sequence</c>s of these. Microsoft.ML.Tokenizers has no normalizer for these steps, so they are written here;
/// any other type is refused with the field named.
/// </summary>
internal sealed class TextNormalizer
{
    private readonly IReadOnlyList<Func<string, string>> _steps;

    private TextNormalizer(IReadOnlyList<Func<string, string>> steps) => _steps = steps;

    /// <summary>The normalizer <paramref name="node"/> describes; null when the file has none.</summary>
    /// <exception cref="InvalidDataException">A step's type or field is one we do not implement.</exception>
    public static TextNormalizer? Read(string path, JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }
        var steps = new List<Func<string, string>>();
        AddSteps(path, "normalizer", node, steps);
        return new TextNormalizer(steps);
    }

    /// <summary>The text after every step, in order.</summary>
    public string Normalize(string text) => _steps.Aggregate(text, (current, step) => step(current));

    private static void AddSteps(string path, string field, JsonNode node, List<Func<string, string>> steps)
    {
        var step = node as JsonObject ?? throw DataFormatError.In(path, field, "an object", node.ToJsonString());
        var type = step["type"]?.GetValue<string>();
        switch (type)
        {
            case "Sequence":
                var children = step["normalizers"] as JsonArray ?? [];
                for (var i = 0; i < children.Count; i++)
                {
                    AddSteps(path, $"{field}.normalizers[{i}]", children[i]!, steps);
                }
                break;
            case "NFC" or "NFD" or "NFKC" or "NFKD":
                var form = FormOf(type);
                steps.Add(text => text.Normalize(form));
                break;
            case "Replace":
                var pattern = step["pattern"]?["String"]?.GetValue<string>()
                    ?? throw DataFormatError.In(path, $"{field}.pattern", "{\"String\": ...} (a literal pattern)",
                        step["pattern"]?.ToJsonString() ?? "none");
                var content = step["content"]?.GetValue<string>() ?? "";
                steps.Add(text => text.Replace(pattern, content, StringComparison.Ordinal));
                break;
            case "Prepend":
                var prefix = step["prepend"]?.GetValue<string>() ?? "";
                // Hugging Face prepends to non-empty text only.
                steps.Add(text => text.Length == 0 ? text : prefix + text);
                break;
            default:
                throw DataFormatError.In(path, $"{field}.type", "NFC, NFD, NFKC, NFKD, Replace, Prepend or Sequence",
                    type ?? "none");
        }
    }

    private static NormalizationForm FormOf(string type) => type switch
    {
        "NFC" => NormalizationForm.FormC,
        "NFD" => NormalizationForm.FormD,
        "NFKC" => NormalizationForm.FormKC,
        _ => NormalizationForm.FormKD,
    };
}
