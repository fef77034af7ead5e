using SelfInstruct.Model.Tokenization;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Model.Tokenization;

public sealed class SentencePieceTokenizerTests
{
    // The pieces of a tiny SentencePiece BPE model, by id: unknown, BOS and EOS first, then characters, then merges
    // whose scores order them (higher merges first): ▁h, ll, ▁he, llo.
    private static readonly (string Piece, float Score, int Type)[] _pieces =
    [
        ("<unk>", 0, 2), ("<s>", 0, 3), ("</s>", 0, 3),
        ("▁", -10, 1), ("h", -11, 1), ("e", -12, 1), ("l", -13, 1), ("o", -14, 1), ("w", -15, 1),
        ("▁h", -1, 1), ("ll", -2, 1), ("▁he", -3, 1), ("llo", -4, 1),
    ];

    [Fact]
    public void Encodes_and_decodes_with_the_pieces_of_a_tokenizer_model()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllBytes(folder.File("tokenizer.model"), ModelProto());

        var tokenizer = ModelTokenizer.Load(folder.Path);

        Assert.Equal([11, 12], tokenizer.Encode("hello"));
        Assert.Equal([11, 12, 3, 8, 7], tokenizer.Encode("hello wo"));
        Assert.Equal("hello wo", tokenizer.Decode([11, 12, 3, 8, 7]));
        Assert.Equal((1, 2, 13), (tokenizer.BosTokenId, tokenizer.EosTokenId, tokenizer.VocabSize));
        Assert.Equal("SentencePiece from tokenizer.model, 13 tokens", tokenizer.Description);
    }

    [Fact]
    public void Takes_bos_and_eos_from_the_tokenizer_config()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllBytes(folder.File("tokenizer.model"), ModelProto());
        File.WriteAllText(folder.File("tokenizer_config.json"),
            "{\"tokenizer_class\": \"LlamaTokenizer\", \"bos_token\": \"</s>\", \"eos_token\": \"</s>\"}");

        var tokenizer = ModelTokenizer.Load(folder.Path);

        Assert.Equal((2, 2), (tokenizer.BosTokenId, tokenizer.EosTokenId));
    }

    [Fact]
    public async Task Saves_the_tokenizer_model_and_loads_it_back()
    {
        using var source = new TemporaryFolder();
        using var saved = new TemporaryFolder();
        File.WriteAllBytes(source.File("tokenizer.model"), ModelProto());

        await ModelTokenizer.Load(source.Path).SaveAsync(saved.Path, 64, CancellationToken.None);
        var loaded = ModelTokenizer.Load(saved.Path);

        Assert.Equal(ModelProto(), await File.ReadAllBytesAsync(saved.File("tokenizer.model")));
        Assert.Equal([11, 12], loaded.Encode("hello"));
        Assert.Equal((1, 2), (loaded.BosTokenId, loaded.EosTokenId));
    }

    // sentencepiece_model.proto in protobuf's wire format: pieces (field 1: piece = 1, score = 2, type = 3),
    // trainer_spec (field 2: model_type = 3 with BPE = 2, vocab_size = 4) and normalizer_spec (field 3:
    // add_dummy_prefix = 3, remove_extra_whitespaces = 4, escape_whitespaces = 5).
    private static byte[] ModelProto()
    {
        var model = new MemoryStream();
        foreach (var (piece, score, type) in _pieces)
        {
            var message = new MemoryStream();
            WriteBytes(message, 1, Encoding.UTF8.GetBytes(piece));
            WriteTag(message, 2, 5);
            message.Write(BitConverter.GetBytes(score));
            WriteVarintField(message, 3, type);
            WriteBytes(model, 1, message.ToArray());
        }
        var trainer = new MemoryStream();
        WriteVarintField(trainer, 3, 2);
        WriteVarintField(trainer, 4, _pieces.Length);
        WriteBytes(model, 2, trainer.ToArray());
        var normalizer = new MemoryStream();
        WriteVarintField(normalizer, 3, 1);
        WriteVarintField(normalizer, 4, 0);
        WriteVarintField(normalizer, 5, 1);
        WriteBytes(model, 3, normalizer.ToArray());
        return model.ToArray();
    }

    private static void WriteBytes(MemoryStream stream, int field, byte[] bytes)
    {
        WriteTag(stream, field, 2);
        WriteVarint(stream, bytes.Length);
        stream.Write(bytes);
    }

    private static void WriteVarintField(MemoryStream stream, int field, int value)
    {
        WriteTag(stream, field, 0);
        WriteVarint(stream, value);
    }

    private static void WriteTag(MemoryStream stream, int field, int wireType) =>
        WriteVarint(stream, (field << 3) | wireType);

    private static void WriteVarint(MemoryStream stream, int value)
    {
        var remaining = (uint)value;
        while (remaining >= 0x80)
        {
            stream.WriteByte((byte)(remaining | 0x80));
            remaining >>= 7;
        }
        stream.WriteByte((byte)remaining);
    }
}
