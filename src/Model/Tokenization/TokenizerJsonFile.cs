namespace SelfInstruct.Model.Tokenization;

/// <summary>
/// The byte-level BPE a Hugging Face <c>tokenizer.json</c> describes, as Qwen2, Llama 3 and SmolLM2 checkpoints ship
/// it: the vocabulary and merges of <c>model</c>, the <c>added_tokens</c> with their ids, and the regex of the
/// pre-tokenizer's <c>Split</c> step when there is one (null means GPT-2's).
/// </summary>
internal sealed record TokenizerJsonFile(
    IReadOnlyDictionary<string, int> Vocabulary,
    IReadOnlyList<string> Merges,
    IReadOnlyDictionary<string, int> AddedTokens,
    string? SplitPattern)
{
    /// <summary>The file's name in a checkpoint folder.</summary>
    public const string FileName = "tokenizer.json";

    /// <exception cref="InvalidDataException">The file is malformed or describes a model other than BPE.</exception>
    public static TokenizerJsonFile Read(string path)
    {
        var root = JsonFile.ReadObject(path);
        var model = root["model"] as JsonObject ?? throw DataFormatError.In(path, "model", "an object", "none");
        var type = model["type"]?.GetValue<string>() ?? "BPE";
        if (type != "BPE")
        {
            throw DataFormatError.In(path, "model.type", "BPE (the only tokenizer.json model supported)", type);
        }
        var vocabulary = (model["vocab"] as JsonObject
                ?? throw DataFormatError.In(path, "model.vocab", "an object of token → id", "none"))
            .ToDictionary(pair => pair.Key, pair => pair.Value!.GetValue<int>(), StringComparer.Ordinal);
        var merges = (model["merges"] as JsonArray ?? []).Select(merge => Merge(path, merge)).ToList();
        var added = (root["added_tokens"] as JsonArray ?? []).OfType<JsonObject>()
            .ToDictionary(token => token["content"]!.GetValue<string>(), token => token["id"]!.GetValue<int>(),
                StringComparer.Ordinal);
        return new TokenizerJsonFile(vocabulary, merges, added, SplitPatternOf(root["pre_tokenizer"]));
    }

    // Older files write a merge as "a b", newer ones as ["a", "b"]; byte-level symbols never hold a plain space.
    private static string Merge(string path, JsonNode? merge) => merge switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray { Count: 2 } pair => $"{pair[0]!.GetValue<string>()} {pair[1]!.GetValue<string>()}",
        _ => throw DataFormatError.In(path, "model.merges", "\"a b\" or [\"a\", \"b\"]", merge?.ToJsonString()
            ?? "null"),
    };

    // The pattern of the first Split step, alone or inside a Sequence; ByteLevel's own regex is GPT-2's.
    private static string? SplitPatternOf(JsonNode? preTokenizer)
    {
        if (preTokenizer is not JsonObject step)
        {
            return null;
        }
        var type = step["type"]?.GetValue<string>();
        if (type == "Split")
        {
            return step["pattern"]?["Regex"]?.GetValue<string>();
        }
        return type == "Sequence"
            ? (step["pretokenizers"] as JsonArray ?? []).Select(SplitPatternOf).FirstOrDefault(p => p is not null)
            : null;
    }
}
