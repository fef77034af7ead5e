using Google.Protobuf;
using Microsoft.ML.Tokenizers;

namespace SelfInstruct.Model.Tokenization;

/// <summary>
/// A checkpoint's tokenizer over Microsoft.ML.Tokenizers: byte-level BPE from <c>vocab.json</c> and
/// <c>merges.txt</c> (GPT-2), else the Hugging Face <c>tokenizer.json</c> (byte-level BPE as Llama 3, Qwen2/3 and
/// SmolLM ship it, or SentencePiece-style BPE with byte fallback as Gemma, Llama 2 and Phi-3 do; see
/// <see cref="TokenizerJsonModel"/>), else SentencePiece's <c>tokenizer.model</c>; special tokens (BOS, EOS, pad,
/// added tokens) from <c>tokenizer_config.json</c>. Nothing is added around the text. Reproduces Hugging Face's ids
/// and decoded text exactly.
/// </summary>
public sealed partial class ModelTokenizer
{
    /// <summary>The end-of-text token GPT-2 uses as BOS, EOS and unknown token.</summary>
    public const string EndOfText = "<|endoftext|>";

    private readonly Func<string, IReadOnlyList<int>> _encode;
    private readonly Func<IEnumerable<int>, string> _decode;
    private readonly IReadOnlyDictionary<string, int> _specialTokens;
    private readonly ModelFiles _files;

    private const string VocabFileName = "vocab.json";
    private const string MergesFileName = "merges.txt";
    private const string SentencePieceFileName = "tokenizer.model";

    private ModelTokenizer(Tokenizer tokenizer, int vocabSize, IReadOnlyDictionary<string, int> specialTokens,
        SpecialTokenNames names, ModelFiles files)
        : this(text => tokenizer.EncodeToIds(text), tokenizer.Decode, vocabSize, specialTokens, names, files)
    {
    }

    private ModelTokenizer(Func<string, IReadOnlyList<int>> encode, Func<IEnumerable<int>, string> decode,
        int vocabSize, IReadOnlyDictionary<string, int> specialTokens, SpecialTokenNames names, ModelFiles files)
    {
        _encode = encode;
        _decode = decode;
        _specialTokens = specialTokens;
        _files = files;
        VocabSize = vocabSize;
        Names = names;
    }

    /// <summary>Number of ids, special tokens included.</summary>
    public int VocabSize { get; }

    /// <summary>Beginning-of-sequence id, when the tokenizer names one.</summary>
    public int? BosTokenId => Id(Names.Bos);

    /// <summary>End-of-sequence id, when the tokenizer names one.</summary>
    public int? EosTokenId => Id(Names.Eos);

    /// <summary>Padding id, when the tokenizer names one.</summary>
    public int? PadTokenId => Id(Names.Pad);

    /// <summary>One line for people: the kind and the vocabulary size.</summary>
    public string Description => string.Format(CultureInfo.InvariantCulture,
        _files.Description, VocabSize);

    /// <summary>
    /// The checkpoint's chat template (<c>chat_template.jinja</c> or tokenizer_config.json's <c>chat_template</c>),
    /// saved back with the tokenizer; null when it ships none.
    /// </summary>
    public ChatTemplate? ChatTemplate { get; private set; }

    private SpecialTokenNames Names { get; }

    /// <summary>Whether <paramref name="folder"/> holds any file <see cref="Load"/> reads a tokenizer from.</summary>
    public static bool ExistsIn(string folder) =>
        new[] { VocabFileName, TokenizerJsonFile.FileName, SentencePieceFileName }
            .Any(name => File.Exists(Path.Combine(folder, name)));

    /// <summary>
    /// Loads a checkpoint folder's tokenizer: vocab.json and merges.txt when either is there, else tokenizer.json,
    /// else SentencePiece's tokenizer.model; special tokens come from tokenizer_config.json when present (for
    /// SentencePiece, BOS, EOS and unknown default to the model's own), and the chat template when it ships one.
    /// </summary>
    /// <exception cref="FileNotFoundException">The folder holds no tokenizer files, or only half of a pair.</exception>
    /// <exception cref="InvalidDataException">A file is malformed or names an unsupported tokenizer.</exception>
    /// <exception cref="Core.Jinja.JinjaException">The chat template is outside the subset read.</exception>
    public static ModelTokenizer Load(string folder)
    {
        var tokenizer = LoadFiles(folder);
        tokenizer.ChatTemplate = ChatTemplate.Load(folder);
        return tokenizer;
    }

    private static ModelTokenizer LoadFiles(string folder)
    {
        var vocabPath = Path.Combine(folder, VocabFileName);
        var mergesPath = Path.Combine(folder, MergesFileName);
        var tokenizerJsonPath = Path.Combine(folder, TokenizerJsonFile.FileName);
        var sentencePiecePath = Path.Combine(folder, SentencePieceFileName);
        var configPath = Path.Combine(folder, SpecialTokenNames.FileName);
        if (File.Exists(vocabPath) || File.Exists(mergesPath))
        {
            return LoadVocabAndMerges(vocabPath, mergesPath, configPath);
        }
        if (File.Exists(tokenizerJsonPath))
        {
            return LoadTokenizerJson(tokenizerJsonPath, configPath);
        }
        return File.Exists(sentencePiecePath) ? LoadSentencePiece(sentencePiecePath, configPath)
            : LoadVocabAndMerges(vocabPath, mergesPath, configPath);
    }

    /// <summary>
    /// A tokenizer that needs no download, for models made from scratch: the 256 byte symbols in GPT-2's order and
    /// <c>&lt;|endoftext|&gt;</c> as id 256, with no merges, so every UTF-8 byte is one token.
    /// </summary>
    public static ModelTokenizer CreateByteLevel() => CreateByteLevel([]);

    /// <summary>
    /// GPT-2's byte-level BPE with <paramref name="merges"/> ("left right", in rank order, over byte symbols): the
    /// 256 byte symbols, then each merged token once in order of its first merge, then <c>&lt;|endoftext|&gt;</c>.
    /// </summary>
    internal static ModelTokenizer CreateByteLevel(IReadOnlyList<string> merges)
    {
        var vocabulary = ByteSymbols.InGpt2Order().Select((symbol, id) => (symbol, id))
            .ToDictionary(pair => pair.symbol, pair => pair.id, StringComparer.Ordinal);
        foreach (var merge in merges)
        {
            vocabulary.TryAdd(merge.Replace(" ", "", StringComparison.Ordinal), vocabulary.Count);
        }
        vocabulary[EndOfText] = vocabulary.Count;
        return CreateGpt2(vocabulary, [.. merges], new Dictionary<string, int> { [EndOfText] = vocabulary.Count - 1 },
            SpecialTokenNames.Gpt2);
    }

    /// <summary>Token ids of <paramref name="text"/>, with nothing added.</summary>
    public IReadOnlyList<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _encode(text);
    }

    /// <summary>
    /// The text of <paramref name="ids"/>; invalid UTF-8 becomes U+FFFD, special tokens keep their text.
    /// </summary>
    public string Decode(IEnumerable<int> ids) => _decode(ids);

    /// <summary>
    /// Writes the tokenizer files it was loaded from (vocab.json and merges.txt, or tokenizer.json) and
    /// tokenizer_config.json, with the chat template when there is one, into <paramref name="folder"/>.
    /// </summary>
    public async Task SaveAsync(string folder, int modelMaxLength, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, content) in _files.Contents())
        {
            await WriteBytesAsync(Path.Combine(folder, name), content, cancellationToken);
        }
        var json = Names.ToJson(_specialTokens, modelMaxLength, _files.TokenizerClass);
        if (ChatTemplate is not null)
        {
            json[ChatTemplate.ConfigKey] = ChatTemplate.Source;
        }
        var config = json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        await AtomicFile.WriteTextAsync(Path.Combine(folder, SpecialTokenNames.FileName), config + "\n", cancellationToken);
    }

    private int? Id(string? token) => token is not null && _specialTokens.TryGetValue(token, out var id) ? id : null;

    private static ModelTokenizer LoadVocabAndMerges(string vocabPath, string mergesPath, string configPath)
    {
        foreach (var path in new[] { vocabPath, mergesPath }.Where(path => !File.Exists(path)))
        {
            throw new FileNotFoundException($"{path}: no such file (a tokenizer needs {VocabFileName} and " +
                $"{MergesFileName}, or {TokenizerJsonFile.FileName}, or {SentencePieceFileName})", path);
        }
        var vocabulary = ReadVocabulary(vocabPath);
        var merges = File.ReadAllLines(mergesPath)
            .Where((line, index) => !(index == 0 && line.StartsWith("#version", StringComparison.Ordinal)))
            .Where(line => line.Length > 0)
            .ToList();
        var names = File.Exists(configPath) ? SpecialTokenNames.Read(configPath, gpt2Only: true)
            : SpecialTokenNames.Gpt2;
        return CreateGpt2(vocabulary, merges, SpecialIds(names, vocabulary, configPath), names);
    }

    private static Dictionary<string, int> ReadVocabulary(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(path))
                ?? throw DataFormatError.In(path, "(root)", "an object of token → id", "null");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException(
                $"{path}: expected an object of token → id: {exception.Message}", exception);
        }
    }

    private static ModelTokenizer CreateGpt2(IReadOnlyDictionary<string, int> vocabulary,
        List<string> merges, IReadOnlyDictionary<string, int> special, SpecialTokenNames names)
    {
        var files = new ModelFiles("GPT2Tokenizer", $"GPT-2 byte-level BPE, {{0}} tokens, {merges.Count} merges",
            () => [(VocabFileName, VocabularyJson(vocabulary)), (MergesFileName, MergesText(merges))]);
        return new ModelTokenizer(CreateBpe(vocabulary, merges, special, Gpt2PreTokenizer()),
            BpeVocabSize(vocabulary, special), special, names, files);
    }

    private static ModelTokenizer LoadTokenizerJson(string path, string configPath)
    {
        var file = TokenizerJsonFile.Read(path);
        var configured = File.Exists(configPath) ? SpecialTokenNames.Read(configPath, gpt2Only: false)
            : file.Vocabulary.ContainsKey(EndOfText) || file.AddedTokens.Any(token => token.Content == EndOfText)
                ? SpecialTokenNames.Gpt2
                : new SpecialTokenNames(null, null, null, null, new Dictionary<string, int>());
        var added = new Dictionary<string, int>(configured.Added, StringComparer.Ordinal);
        foreach (var token in file.AddedTokens)
        {
            added[token.Content] = token.Id;
        }
        var names = configured with
        {
            Added = added,
            Flags = file.AddedTokens.ToDictionary(token => token.Content, token => new AddedToken(token.Content,
                token.Lstrip, token.Normalized, token.Rstrip, SingleWord: false, token.Special), StringComparer.Ordinal),
        };
        var special = SpecialIds(names, file.Vocabulary, configPath);
        var model = new TokenizerJsonModel(path, file, special);
        var content = File.ReadAllBytes(path);
        var style = file.ByteLevel ? "byte-level BPE" : "SentencePiece-style BPE";
        var files = new ModelFiles("PreTrainedTokenizerFast",
            $"{style} from {TokenizerJsonFile.FileName}, {{0}} tokens, {file.Merges.Count} merges",
            () => [(TokenizerJsonFile.FileName, content)]);
        return new ModelTokenizer(model.Encode, model.Decode, BpeVocabSize(file.Vocabulary, special), special, names,
            files);
    }

    private static ModelTokenizer LoadSentencePiece(string path, string configPath)
    {
        var content = File.ReadAllBytes(path);
        var configured = File.Exists(configPath) ? SpecialTokenNames.Read(configPath, gpt2Only: false) : null;
        SentencePieceTokenizer tokenizer;
        try
        {
            using var stream = new MemoryStream(content);
            tokenizer = SentencePieceTokenizer.Create(stream, addBeginningOfSentence: false, addEndOfSentence: false,
                configured is { Added.Count: > 0 } ? configured.Added : null);
        }
        catch (Exception exception) when (exception is InvalidProtocolBufferException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: not a SentencePiece model the library reads: " +
                exception.Message, exception);
        }
        var names = configured ?? new SpecialTokenNames(tokenizer.BeginningOfSentenceToken,
            tokenizer.EndOfSentenceToken, tokenizer.UnknownToken, null, new Dictionary<string, int>());
        var special = SpecialIds(names, tokenizer.Vocabulary, configPath);
        var files = new ModelFiles("LlamaTokenizer", $"SentencePiece from {SentencePieceFileName}, {{0}} tokens",
            () => [(SentencePieceFileName, content)]);
        return new ModelTokenizer(tokenizer, BpeVocabSize(tokenizer.Vocabulary, special), special, names, files);
    }

    private static Dictionary<string, int> SpecialIds(SpecialTokenNames names,
        IReadOnlyDictionary<string, int> vocabulary, string configPath) =>
        names.All.Distinct(StringComparer.Ordinal)
            .ToDictionary(token => token, token => vocabulary.TryGetValue(token, out var id) ? id
                : names.Added.TryGetValue(token, out var addedId) ? addedId
                : throw DataFormatError.In(configPath, token, "a token of the vocabulary", "no such token"));

    private static BpeTokenizer CreateBpe(IReadOnlyDictionary<string, int> vocabulary, IReadOnlyList<string> merges,
        IReadOnlyDictionary<string, int> special, Regex preTokenizer) =>
        BpeTokenizer.Create(new BpeOptions(vocabulary)
        {
            Merges = merges,
            ByteLevel = true,
            PreTokenizer = new RegexPreTokenizer(preTokenizer, special),
            SpecialTokens = special,
        });

    private static int BpeVocabSize(IReadOnlyDictionary<string, int> vocabulary,
        IReadOnlyDictionary<string, int> special) => vocabulary.Values.Concat(special.Values).Max() + 1;

    private static byte[] VocabularyJson(IReadOnlyDictionary<string, int> vocabulary) =>
        Encoding.UTF8.GetBytes(new JsonObject(vocabulary.OrderBy(pair => pair.Value)
            .Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)JsonValue.Create(pair.Value)))).ToJsonString());

    private static byte[] MergesText(IReadOnlyList<string> merges)
    {
        var text = new StringBuilder("#version: 0.2\n");
        foreach (var merge in merges)
        {
            text.Append(merge).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static Task WriteBytesAsync(string path, byte[] content, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(path, stream => stream.WriteAsync(content, cancellationToken).AsTask(),
            cancellationToken);

    // GPT-2's pre-tokenizer: contractions, letters, digits, other symbols, each with at most one leading space, and
    // runs of whitespace (a run before a non-space leaves its last space to the next piece).
    [GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+")]
    internal static partial Regex Gpt2PreTokenizer();

    /// <summary>
    /// What <see cref="SaveAsync"/> writes besides tokenizer_config.json, the class named there, and the
    /// description with <c>{0}</c> for the vocabulary size.
    /// </summary>
    private sealed record ModelFiles(
        string TokenizerClass, string Description, Func<IReadOnlyList<(string Name, byte[] Content)>> Contents);
}
