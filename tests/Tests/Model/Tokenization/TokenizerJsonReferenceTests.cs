using SelfInstruct.Model.Tokenization;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Model.Tokenization;

/// <summary>
/// The tokenizers of tests/Fixtures/Tokenizers, one per style a family ships, against the ids and decoded text that
/// tests/Fixtures/make_tokenizer_references.py computed with its own implementation of Hugging Face's algorithm.
/// </summary>
public sealed class TokenizerJsonReferenceTests
{
    public static TheoryData<string> Styles => [
        "qwen-nfc", "llama3-style", "smollm-digits", "split-behaviours", "gemma-sp", "llama2-sp", "metaspace-sp",
    ];

    [Theory]
    [MemberData(nameof(Styles))]
    public void Encodes_every_reference_string_to_the_reference_ids(string style)
    {
        var tokenizer = ModelTokenizer.Load(Folder(style));

        foreach (var (text, ids, _) in Cases(style))
        {
            var encoded = tokenizer.Encode(text);

            Assert.True(ids.SequenceEqual(encoded),
                $"{style}: {text}: expected [{string.Join(", ", ids)}], got [{string.Join(", ", encoded)}]");
        }
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public void Decodes_the_reference_ids_to_the_reference_text(string style)
    {
        var tokenizer = ModelTokenizer.Load(Folder(style));

        foreach (var (_, ids, decoded) in Cases(style))
        {
            Assert.Equal(decoded, tokenizer.Decode(ids));
        }
    }

    [Fact]
    public void Qwen_style_nfc_gives_decomposed_input_the_ids_of_the_composed_form()
    {
        var tokenizer = ModelTokenizer.Load(Folder("qwen-nfc"));

        Assert.Equal(tokenizer.Encode("caf\u00e9 cr\u00e8me"), tokenizer.Encode("cafe\u0301 cre\u0300me"));
    }

    [Fact]
    public void Gemma_style_falls_back_to_the_utf8_bytes_of_a_character_outside_the_vocabulary()
    {
        var tokenizer = ModelTokenizer.Load(Folder("gemma-sp"));

        var ids = tokenizer.Encode("€");

        // U+20AC is E2 82 AC; the byte tokens <0x00>..<0xFF> are ids 4..259.
        Assert.Equal([4 + 0xE2, 4 + 0x82, 4 + 0xAC], ids);
        Assert.Equal("€", tokenizer.Decode(ids));
        Assert.Equal("SentencePiece-style BPE from tokenizer.json, 434 tokens, 120 merges", tokenizer.Description);
    }

    [Fact]
    public void Reads_bos_eos_and_pad_from_the_tokenizer_config()
    {
        var tokenizer = ModelTokenizer.Load(Folder("gemma-sp"));

        Assert.Equal((2, 1, 0), (tokenizer.BosTokenId, tokenizer.EosTokenId, tokenizer.PadTokenId));
    }

    [Fact]
    public async Task Saves_the_added_tokens_flags_and_loads_back_to_the_reference_ids()
    {
        using var saved = new TemporaryFolder();

        await ModelTokenizer.Load(Folder("llama2-sp")).SaveAsync(saved.Path, 64, CancellationToken.None);
        var loaded = ModelTokenizer.Load(saved.Path);
        var config = JsonNode.Parse(File.ReadAllText(saved.File("tokenizer_config.json")))!["added_tokens_decoder"]!;

        // <|end|> is 432: rstrip, not normalized, special; "hello" (433) is a normalized word, not special.
        Assert.Equal((true, false, true), Flags(config["432"]!));
        Assert.Equal((false, true, false), Flags(config["433"]!));
        foreach (var (text, ids, _) in Cases("llama2-sp"))
        {
            Assert.Equal(ids, loaded.Encode(text));
        }
    }

    [Theory]
    [InlineData("normalizer", "{\"type\": \"Precompiled\"}",
        "normalizer.type: expected NFC, NFD, NFKC, NFKD, Replace, Prepend or Sequence, found Precompiled")]
    [InlineData("pre_tokenizer", "{\"type\": \"Sequence\", \"pretokenizers\": [{\"type\": \"Whitespace\"}]}",
        "pre_tokenizer.pretokenizers[0].type: expected Split, Digits, ByteLevel, Metaspace or Sequence, found " +
        "Whitespace")]
    [InlineData("decoder", "{\"type\": \"Sequence\", \"decoders\": [{\"type\": \"Fuse\"}, {\"type\": \"CTC\"}]}",
        "decoder.decoders[1].type: expected Replace, ByteFallback, Fuse, Strip or Metaspace, found CTC")]
    public void Names_the_file_and_the_field_of_a_step_it_does_not_implement(string key, string step, string message)
    {
        using var folder = new TemporaryFolder();
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder("gemma-sp"), "tokenizer.json")))!;
        document[key] = JsonNode.Parse(step);
        File.WriteAllText(folder.File("tokenizer.json"), document.ToJsonString());

        var error = Assert.Throws<InvalidDataException>(() => ModelTokenizer.Load(folder.Path));

        Assert.Equal($"{folder.File("tokenizer.json")}: {message}", error.Message);
    }

    private static (bool Rstrip, bool Normalized, bool Special) Flags(JsonNode token) =>
        (token["rstrip"]!.GetValue<bool>(), token["normalized"]!.GetValue<bool>(), token["special"]!.GetValue<bool>());

    internal static string Folder(string style) =>
        RepositoryRoot.PathTo(Path.Combine("tests", "Fixtures", "Tokenizers", style));

    private static List<(string Text, int[] Ids, string Decoded)> Cases(string style)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder(style), "reference.json")));
        return document.RootElement.GetProperty("cases").EnumerateArray()
            .Select(item => (item.GetProperty("text").GetString()!,
                item.GetProperty("ids").EnumerateArray().Select(id => id.GetInt32()).ToArray(),
                item.GetProperty("decoded").GetString()!))
            .ToList();
    }
}
