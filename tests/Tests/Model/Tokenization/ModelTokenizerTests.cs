using System.Text;
using System.Text.Json;
using SelfInstruct.Model.Tokenization;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Model.Tokenization;

public sealed class ModelTokenizerTests
{
    [SharedDataFact]
    public void Reproduces_the_reference_ids_and_decoded_text_of_every_string()
    {
        var tokenizer = ModelTokenizer.Load(ReferenceFixture.Folder("tiny-gpt2"));

        foreach (var (text, ids, decoded) in ReferenceStrings())
        {
            Assert.Equal(ids, tokenizer.Encode(text));
            Assert.Equal(decoded, tokenizer.Decode(ids));
        }
    }

    [SharedDataFact]
    public void Reads_the_special_tokens_from_the_tokenizer_config()
    {
        var tokenizer = ModelTokenizer.Load(ReferenceFixture.Folder("tiny-llama"));

        Assert.Equal((511, 511, null), (tokenizer.BosTokenId, tokenizer.EosTokenId, tokenizer.PadTokenId));
        Assert.Equal(512, tokenizer.VocabSize);
        Assert.Equal("GPT-2 byte-level BPE, 512 tokens, 255 merges", tokenizer.Description);
    }

    [SharedDataFact]
    public async Task Saves_files_that_load_back_to_the_same_encoding()
    {
        using var folder = new TemporaryFolder();
        var tokenizer = ModelTokenizer.Load(ReferenceFixture.Folder("tiny-gpt2"));

        await tokenizer.SaveAsync(folder.Path, 128, CancellationToken.None);
        var loaded = ModelTokenizer.Load(folder.Path);

        Assert.Equal(
            await File.ReadAllTextAsync(Path.Combine(ReferenceFixture.Folder("tiny-gpt2"), "merges.txt")),
            await File.ReadAllTextAsync(folder.File("merges.txt")));
        foreach (var (text, ids, _) in ReferenceStrings())
        {
            Assert.Equal(ids, loaded.Encode(text));
        }
    }

    [Fact]
    public void Byte_level_tokenizer_makes_one_token_per_utf8_byte_and_decodes_back()
    {
        var tokenizer = ModelTokenizer.CreateByteLevel();
        const string text = "Héllo wörld 👋\r\n\t42";

        var ids = tokenizer.Encode(text);

        Assert.Equal(Encoding.UTF8.GetByteCount(text), ids.Count);
        Assert.Equal(text, tokenizer.Decode(ids));
        Assert.Equal([220], tokenizer.Encode(" "));
        Assert.Equal([256], tokenizer.Encode("<|endoftext|>"));
        Assert.Equal((257, 256, 256), (tokenizer.VocabSize, tokenizer.BosTokenId!.Value, tokenizer.EosTokenId!.Value));
    }

    [Fact]
    public void Names_the_file_and_the_class_of_an_unsupported_tokenizer()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.File("vocab.json"), "{\"a\": 0}");
        File.WriteAllText(folder.File("merges.txt"), "#version: 0.2\n");
        File.WriteAllText(folder.File("tokenizer_config.json"), "{\"tokenizer_class\": \"LlamaTokenizer\"}");

        var error = Assert.Throws<InvalidDataException>(() => ModelTokenizer.Load(folder.Path));

        Assert.Equal($"{folder.File("tokenizer_config.json")}: tokenizer_class: expected GPT2Tokenizer " +
            "(byte-level BPE), found LlamaTokenizer", error.Message);
    }

    private static List<(string Text, int[] Ids, string Decoded)> ReferenceStrings()
    {
        var path = Path.Combine(ReferenceFixture.Folder("tiny-gpt2"), "tokenizer_reference.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateArray()
            .Select(item => (item.GetProperty("text").GetString()!,
                item.GetProperty("ids").EnumerateArray().Select(id => id.GetInt32()).ToArray(),
                item.GetProperty("decoded").GetString()!))
            .ToList();
    }
}
