namespace SelfInstruct.Model.Tokenization;

/// <summary>
/// The BPE a Hugging Face <c>tokenizer.json</c> describes, in either style the families ship: byte-level (GPT-2,
/// Llama 3, Qwen2/3, SmolLM; the <c>decoder</c> is <c>ByteLevel</c> or absent) or SentencePiece-style (Gemma, Llama 2,
/// Phi-3: "▁" for spaces, <c>byte_fallback</c> to <c>&lt;0xNN&gt;</c> tokens, a <see cref="PieceDecoder"/>). Holds the
/// vocabulary and merges of <c>model</c>, its unknown token and flags, the <c>added_tokens</c>, and the normalizer and
/// pre-tokenizer. A model type other than BPE, or a step we do not implement, is refused with the field named.
/// </summary>
internal sealed record TokenizerJsonFile(
    IReadOnlyDictionary<string, int> Vocabulary,
    IReadOnlyList<string> Merges,
    IReadOnlyList<AddedTokenEntry> AddedTokens,
    TextNormalizer? Normalizer,
    PreTokenizerSequence PreTokenizer,
    PieceDecoder? PieceDecoder,
    string? UnknownToken,
    bool ByteFallback,
    bool FuseUnknown,
    bool IgnoreMerges)
{
    /// <summary>The file's name in a checkpoint folder.</summary>
    public const string FileName = "tokenizer.json";

    /// <summary>Whether this is byte-level BPE (no piece decoder) rather than SentencePiece-style.</summary>
    public bool ByteLevel => PieceDecoder is null;

    /// <exception cref="InvalidDataException">The file is malformed or describes something we do not read.</exception>
    public static TokenizerJsonFile Read(string path)
    {
        var root = JsonFile.ReadObject(path);
        var model = root["model"] as JsonObject ?? throw DataFormatError.In(path, "model", "an object", "none");
        var type = model["type"]?.GetValue<string>() ?? "BPE";
        if (type != "BPE")
        {
            throw DataFormatError.In(path, "model.type", "BPE (the only tokenizer.json model supported)", type);
        }
        foreach (var key in new[] { "continuing_subword_prefix", "end_of_word_suffix", "dropout" })
        {
            if (model[key] is { } value && value.ToJsonString() is not ("\"\"" or "0" or "0.0"))
            {
                throw DataFormatError.In(path, $"model.{key}", "null (not implemented)", value.ToJsonString());
            }
        }
        var vocabulary = (model["vocab"] as JsonObject
                ?? throw DataFormatError.In(path, "model.vocab", "an object of token → id", "none"))
            .ToDictionary(pair => pair.Key, pair => pair.Value!.GetValue<int>(), StringComparer.Ordinal);
        var merges = (model["merges"] as JsonArray ?? []).Select(merge => Merge(path, merge)).ToList();
        var decoder = root["decoder"];
        var byteLevel = decoder is null || decoder["type"]?.GetValue<string>() == "ByteLevel";
        return new TokenizerJsonFile(vocabulary, merges, ReadAddedTokens(path, root),
            TextNormalizer.Read(path, root["normalizer"]), PreTokenizerSequence.Read(path, root["pre_tokenizer"]),
            byteLevel ? null : PieceDecoder.Read(path, decoder), model["unk_token"]?.GetValue<string>(),
            Flag(model, "byte_fallback"), Flag(model, "fuse_unk"), Flag(model, "ignore_merges"));
    }

    // Older files write a merge as "a b", newer ones as ["a", "b"]; no symbol holds a plain space.
    private static string Merge(string path, JsonNode? merge) => merge switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray { Count: 2 } pair => $"{pair[0]!.GetValue<string>()} {pair[1]!.GetValue<string>()}",
        _ => throw DataFormatError.In(path, "model.merges", "\"a b\" or [\"a\", \"b\"]", merge?.ToJsonString()
            ?? "null"),
    };

    private static List<AddedTokenEntry> ReadAddedTokens(string path, JsonObject root) =>
        [.. (root["added_tokens"] as JsonArray ?? []).Select((node, i) => node is JsonObject token
            && token["content"]?.GetValue<string>() is { Length: > 0 } content && token["id"] is { } id
            ? token["single_word"]?.GetValue<bool>() == true
                ? throw DataFormatError.In(path, $"added_tokens[{i}].single_word", "false (not implemented)", "true")
                : new AddedTokenEntry(content, id.GetValue<int>(), Flag(token, "special"), Flag(token, "lstrip"),
                    Flag(token, "rstrip"), token["normalized"]?.GetValue<bool>() ?? !Flag(token, "special"))
            : throw DataFormatError.In(path, $"added_tokens[{i}]", "an object with content and id",
                node?.ToJsonString() ?? "null"))];

    private static bool Flag(JsonObject json, string key) => json[key]?.GetValue<bool>() ?? false;
}
