using Microsoft.ML.Tokenizers;

namespace SelfInstruct.Model.Tokenization;

/// <summary>
/// Encodes and decodes as Hugging Face's tokenizers library does for a <see cref="TokenizerJsonFile"/>: added tokens
/// first (<see cref="AddedTokenSplitter"/>), then the normalizer, the pre-tokenizer, and Microsoft.ML.Tokenizers' BPE
/// on each piece. What that BPE lacks is added here: <c>ignore_merges</c> (a piece found whole in the vocabulary is
/// one token, as Llama 3 has it) and <c>byte_fallback</c> (a character outside the vocabulary becomes the
/// <c>&lt;0xNN&gt;</c> tokens of its UTF-8 bytes, or the unknown token when one of those is missing, fused with an
/// unknown token before it under <c>fuse_unk</c>).
/// </summary>
internal sealed class TokenizerJsonModel
{
    private readonly TokenizerJsonFile _file;
    private readonly AddedTokenSplitter _splitter;
    private readonly BpeTokenizer _bpe;
    private readonly Dictionary<int, string> _tokensById;
    private readonly string[] _byteSymbols = ByteSymbols.ByByte();
    private readonly int? _unknownId;

    public TokenizerJsonModel(string path, TokenizerJsonFile file, IReadOnlyDictionary<string, int> special)
    {
        _file = file;
        _splitter = new AddedTokenSplitter(file.AddedTokens, file.Normalizer);
        _bpe = CreateBpe(path, file, special);
        _tokensById = file.Vocabulary.Concat(file.AddedTokens.Select(token => KeyValuePair.Create(token.Content,
                token.Id)))
            .GroupBy(pair => pair.Value)
            .ToDictionary(group => group.Key, group => group.Last().Key);
        _unknownId = file.UnknownToken is { } unknown && file.Vocabulary.TryGetValue(unknown, out var id) ? id : null;
    }

    /// <summary>Token ids of <paramref name="text"/>, with nothing added.</summary>
    public IReadOnlyList<int> Encode(string text) => _splitter.Encode(text, EncodePiece);

    /// <summary>
    /// The text of <paramref name="ids"/> as the file's decoder makes it; ids it does not know are skipped.
    /// </summary>
    public string Decode(IEnumerable<int> ids) => _file.PieceDecoder is { } decoder
        ? decoder.Decode(ids.Where(_tokensById.ContainsKey).Select(id => _tokensById[id]))
        : _bpe.Decode(ids);

    private static BpeTokenizer CreateBpe(string path, TokenizerJsonFile file, IReadOnlyDictionary<string, int> special)
    {
        try
        {
            return BpeTokenizer.Create(new BpeOptions(file.Vocabulary)
            {
                Merges = file.Merges,
                ByteLevel = file.ByteLevel,
                // Used for decoding only: the splitter takes added tokens out before the BPE sees the text.
                SpecialTokens = special,
                UnknownToken = file.UnknownToken,
                FuseUnknownTokens = file.FuseUnknown && !file.ByteFallback,
            });
        }
        catch (InvalidOperationException exception)
        {
            throw new InvalidDataException($"{path}: model: {exception.Message}", exception);
        }
    }

    private void EncodePiece(string piece, bool atStart, List<int> ids)
    {
        foreach (var word in _file.PreTokenizer.Split(piece, atStart))
        {
            if (_file.IgnoreMerges && _file.Vocabulary.TryGetValue(ModelForm(word), out var whole))
            {
                ids.Add(whole);
            }
            else if (_file.ByteFallback)
            {
                EncodeWithByteFallback(word, ids);
            }
            else
            {
                ids.AddRange(_bpe.EncodeToIds(word, considerPreTokenization: false, considerNormalization: false));
            }
        }
    }

    private string ModelForm(string word) => _file.ByteLevel
        ? string.Concat(Encoding.UTF8.GetBytes(word).Select(b => _byteSymbols[b]))
        : word;

    // The BPE marks each character outside the vocabulary as the unknown token (or leaves it out when there is none);
    // merges never cross such a character, so replacing it afterwards gives Hugging Face's ids.
    private void EncodeWithByteFallback(string word, List<int> ids)
    {
        var tokens = _bpe.EncodeToTokens(word, out _, considerPreTokenization: false, considerNormalization: false);
        var (first, covered) = (ids.Count, 0);
        foreach (var token in tokens)
        {
            var (start, end) = (token.Offset.Start.GetOffset(word.Length), token.Offset.End.GetOffset(word.Length));
            FallBack(word[covered..start], ids, first);
            if (token.Id == _unknownId)
            {
                FallBack(word[start..end], ids, first);
            }
            else
            {
                ids.Add(token.Id);
            }
            covered = end;
        }
        FallBack(word[covered..], ids, first);
    }

    private void FallBack(string unknown, List<int> ids, int first)
    {
        foreach (var rune in unknown.EnumerateRunes())
        {
            var bytes = new byte[rune.Utf8SequenceLength];
            rune.EncodeToUtf8(bytes);
            var byteIds = bytes.Select(b => _file.Vocabulary.TryGetValue($"<0x{b:X2}>", out var id) ? id : -1).ToList();
            if (byteIds.All(id => id >= 0))
            {
                ids.AddRange(byteIds);
            }
            else if (_unknownId is { } unknownId && !(_file.FuseUnknown && ids.Count > first && ids[^1] == unknownId))
            {
                ids.Add(unknownId);
            }
            else if (_unknownId is null)
            {
                throw new InvalidDataException($"character U+{rune.Value:X4} is outside the vocabulary, has no " +
                    "byte tokens and the tokenizer names no unknown token");
            }
        }
    }
}
