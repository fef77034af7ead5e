using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;
using SelfInstruct.Core.Formats;

namespace SelfInstruct.Model.Tokenization;

/// <summary>
/// GPT-2's byte-level BPE over Microsoft.ML.Tokenizers, from a checkpoint's <c>vocab.json</c> and
/// <c>merges.txt</c>, with special tokens (BOS, EOS, pad, added tokens) from <c>tokenizer_config.json</c>. Special
/// tokens are matched literally before pre-tokenization; no prefix space, no normalisation, nothing added around
/// the text. Reproduces <c>GPT2Tokenizer</c>'s ids and decoded text exactly.
/// </summary>
public sealed partial class ModelTokenizer
{
    /// <summary>The vocabulary file name.</summary>
    public const string VocabFileName = "vocab.json";

    /// <summary>The merges file name.</summary>
    public const string MergesFileName = "merges.txt";

    /// <summary>The tokenizer settings file name.</summary>
    public const string ConfigFileName = "tokenizer_config.json";

    /// <summary>The end-of-text token GPT-2 uses as BOS, EOS and unknown token.</summary>
    public const string EndOfText = "<|endoftext|>";

    private readonly Tokenizer _tokenizer;
    private readonly IReadOnlyDictionary<string, int> _vocabulary;
    private readonly IReadOnlyList<string> _merges;
    private readonly IReadOnlyDictionary<string, int> _specialTokens;

    private ModelTokenizer(IReadOnlyDictionary<string, int> vocabulary, IReadOnlyList<string> merges,
        IReadOnlyDictionary<string, int> specialTokens, SpecialTokenNames names)
    {
        _vocabulary = vocabulary;
        _merges = merges;
        _specialTokens = specialTokens;
        Names = names;
        _tokenizer = BpeTokenizer.Create(new BpeOptions(vocabulary)
        {
            Merges = merges,
            ByteLevel = true,
            PreTokenizer = new RegexPreTokenizer(Gpt2PreTokenizer(), specialTokens),
            SpecialTokens = specialTokens,
        });
    }

    /// <summary>Number of ids, special tokens included.</summary>
    public int VocabSize => _vocabulary.Values.Concat(_specialTokens.Values).Max() + 1;

    /// <summary>Beginning-of-sequence id, when the tokenizer names one.</summary>
    public int? BosTokenId => Id(Names.Bos);

    /// <summary>End-of-sequence id, when the tokenizer names one.</summary>
    public int? EosTokenId => Id(Names.Eos);

    /// <summary>Padding id, when the tokenizer names one.</summary>
    public int? PadTokenId => Id(Names.Pad);

    /// <summary>One line for people: the kind and the vocabulary size.</summary>
    public string Description => $"GPT-2 byte-level BPE, {VocabSize} tokens, {_merges.Count} merges";

    private SpecialTokenNames Names { get; }

    /// <summary>
    /// Loads vocab.json, merges.txt and (when present) tokenizer_config.json from a checkpoint folder.
    /// </summary>
    /// <exception cref="FileNotFoundException">vocab.json or merges.txt is missing.</exception>
    /// <exception cref="InvalidDataException">A file is malformed or names an unsupported tokenizer.</exception>
    public static ModelTokenizer Load(string folder)
    {
        var vocabPath = Path.Combine(folder, VocabFileName);
        var mergesPath = Path.Combine(folder, MergesFileName);
        foreach (var path in new[] { vocabPath, mergesPath }.Where(path => !File.Exists(path)))
        {
            throw new FileNotFoundException($"{path}: no such file (a byte-level BPE tokenizer needs " +
                $"{VocabFileName} and {MergesFileName})", path);
        }
        var vocabulary = ReadVocabulary(vocabPath);
        var merges = File.ReadAllLines(mergesPath)
            .Where((line, index) => !(index == 0 && line.StartsWith("#version", StringComparison.Ordinal)))
            .Where(line => line.Length > 0)
            .ToList();
        var configPath = Path.Combine(folder, ConfigFileName);
        var names = File.Exists(configPath) ? SpecialTokenNames.Read(configPath) : SpecialTokenNames.Gpt2;
        var special = names.All.Distinct(StringComparer.Ordinal)
            .ToDictionary(token => token, token => vocabulary.TryGetValue(token, out var id) ? id
                : names.Added.TryGetValue(token, out var addedId) ? addedId
                : throw DataFormatError.In(configPath, token, $"a token in {VocabFileName}", "no such token"));
        return new ModelTokenizer(vocabulary, merges, special, names);
    }

    /// <summary>
    /// A tokenizer that needs no download, for models made from scratch: the 256 byte symbols in GPT-2's order and
    /// <c>&lt;|endoftext|&gt;</c> as id 256, with no merges, so every UTF-8 byte is one token.
    /// </summary>
    public static ModelTokenizer CreateByteLevel()
    {
        var vocabulary = ByteSymbols.InGpt2Order().Select((symbol, id) => (symbol, id))
            .ToDictionary(pair => pair.symbol, pair => pair.id, StringComparer.Ordinal);
        vocabulary[EndOfText] = vocabulary.Count;
        return new ModelTokenizer(vocabulary, [], new Dictionary<string, int> { [EndOfText] = vocabulary.Count - 1 },
            SpecialTokenNames.Gpt2);
    }

    /// <summary>Token ids of <paramref name="text"/>, with nothing added.</summary>
    public IReadOnlyList<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _tokenizer.EncodeToIds(text);
    }

    /// <summary>
    /// The text of <paramref name="ids"/>; invalid UTF-8 becomes U+FFFD, special tokens keep their text.
    /// </summary>
    public string Decode(IEnumerable<int> ids) => _tokenizer.Decode(ids);

    /// <summary>Writes vocab.json, merges.txt and tokenizer_config.json into <paramref name="folder"/>.</summary>
    public async Task SaveAsync(string folder, int modelMaxLength, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var vocabulary = new JsonObject(_vocabulary.OrderBy(pair => pair.Value)
            .Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)JsonValue.Create(pair.Value))));
        await WriteTextAsync(Path.Combine(folder, VocabFileName), vocabulary.ToJsonString(), cancellationToken);
        var merges = new StringBuilder("#version: 0.2\n");
        foreach (var merge in _merges)
        {
            merges.Append(merge).Append('\n');
        }
        await WriteTextAsync(Path.Combine(folder, MergesFileName), merges.ToString(), cancellationToken);
        var config = Names.ToJson(_specialTokens, modelMaxLength)
            .ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        await WriteTextAsync(Path.Combine(folder, ConfigFileName), config + "\n", cancellationToken);
    }

    private int? Id(string? token) => token is not null && _specialTokens.TryGetValue(token, out var id) ? id : null;

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

    private static Task WriteTextAsync(string path, string text, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(path, stream => stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken)
            .AsTask(), cancellationToken);

    // GPT-2's pre-tokenizer: contractions, letters, digits, other symbols, each with at most one leading space, and
    // runs of whitespace (a run before a non-space leaves its last space to the next piece).
    [GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+")]
    private static partial Regex Gpt2PreTokenizer();
}
