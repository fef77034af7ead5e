namespace SelfInstruct.Model.Tokenization;

/// <summary>
/// The special tokens <c>tokenizer_config.json</c> names: BOS, EOS, unknown and pad (each a string or an
/// <c>{"content": ...}</c> object, or null), plus the added tokens of <c>added_tokens_decoder</c>.
/// </summary>
internal sealed record SpecialTokenNames(
    string? Bos, string? Eos, string? Unk, string? Pad, IReadOnlyDictionary<string, int> Added)
{
    /// <summary>The file the names are read from and written to.</summary>
    public const string FileName = "tokenizer_config.json";

    /// <summary>GPT-2's convention: <c>&lt;|endoftext|&gt;</c> is BOS, EOS and unknown; no pad.</summary>
    public static SpecialTokenNames Gpt2 { get; } = new(
        ModelTokenizer.EndOfText, ModelTokenizer.EndOfText, ModelTokenizer.EndOfText, null,
        new Dictionary<string, int>());

    /// <summary>
    /// How each added token matches, as tokenizer.json has it, written into <c>added_tokens_decoder</c> so that
    /// transformers re-adds them alike; a token not listed is written as a special token with the defaults.
    /// </summary>
    public IReadOnlyDictionary<string, AddedToken> Flags { get; init; } = new Dictionary<string, AddedToken>();

    /// <summary>Every named special token, each once or more.</summary>
    public IEnumerable<string> All => new[] { Bos, Eos, Unk, Pad }.OfType<string>().Concat(Added.Keys);

    /// <summary>The names in tokenizer_config.json; the class must be GPT-2's if <paramref name="gpt2Only"/>.</summary>
    public static SpecialTokenNames Read(string path, bool gpt2Only)
    {
        var json = JsonFile.ReadObject(path);
        var tokenizerClass = json["tokenizer_class"]?.GetValue<string>();
        if (gpt2Only && tokenizerClass is not (null or "GPT2Tokenizer" or "GPT2TokenizerFast"))
        {
            throw DataFormatError.In(path, "tokenizer_class", "GPT2Tokenizer (byte-level BPE)", tokenizerClass);
        }
        var added = (json["added_tokens_decoder"] as JsonObject ?? [])
            .Select(pair => (Id: int.Parse(pair.Key, CultureInfo.InvariantCulture),
                Content: Token(pair.Value)))
            .Where(pair => pair.Content is not null)
            .ToDictionary(pair => pair.Content!, pair => pair.Id, StringComparer.Ordinal);
        return new SpecialTokenNames(Token(json["bos_token"]), Token(json["eos_token"]), Token(json["unk_token"]),
            Token(json["pad_token"]), added);
    }

    /// <summary>The tokenizer_config.json Hugging Face would write for <paramref name="tokenizerClass"/>.</summary>
    public JsonObject ToJson(IReadOnlyDictionary<string, int> ids, int modelMaxLength, string tokenizerClass)
    {
        var decoder = new JsonObject();
        foreach (var (token, id) in ids.OrderBy(pair => pair.Value))
        {
            decoder[id.ToString(CultureInfo.InvariantCulture)] =
                JsonSerializer.SerializeToNode(Flags.GetValueOrDefault(token) ?? new AddedToken(token), _addedTokenJson);
        }
        return new JsonObject
        {
            ["add_bos_token"] = false,
            ["add_prefix_space"] = false,
            ["added_tokens_decoder"] = decoder,
            ["bos_token"] = Bos,
            ["clean_up_tokenization_spaces"] = false,
            ["eos_token"] = Eos,
            ["errors"] = "replace",
            ["model_max_length"] = modelMaxLength,
            ["pad_token"] = Pad,
            ["tokenizer_class"] = tokenizerClass,
            ["unk_token"] = Unk,
        };
    }

    private static readonly JsonSerializerOptions _addedTokenJson =
        new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static string? Token(JsonNode? node) => node switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonObject token => token["content"]?.GetValue<string>(),
        _ => null,
    };
}

/// <summary>An <c>added_tokens_decoder</c> entry as <c>transformers</c> writes it for a special token.</summary>
internal sealed record AddedToken(
    string Content, bool Lstrip = false, bool Normalized = true, bool Rstrip = false, bool SingleWord = false,
    bool Special = true);
