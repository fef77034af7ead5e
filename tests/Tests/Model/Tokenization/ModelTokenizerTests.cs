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

    [SharedDataTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reproduces_the_reference_from_a_tokenizer_json_with_either_form_of_merges(bool mergesAsPairs)
    {
        using var folder = new TemporaryFolder();
        WriteTokenizerJson(folder.File("tokenizer.json"), mergesAsPairs);

        var tokenizer = ModelTokenizer.Load(folder.Path);

        foreach (var (text, ids, decoded) in ReferenceStrings())
        {
            Assert.Equal(ids, tokenizer.Encode(text));
            Assert.Equal(decoded, tokenizer.Decode(ids));
        }
        Assert.Equal((511, 511, 512), (tokenizer.BosTokenId, tokenizer.EosTokenId, tokenizer.VocabSize));
        Assert.Equal("byte-level BPE from tokenizer.json, 512 tokens, 255 merges", tokenizer.Description);
    }

    [SharedDataFact]
    public async Task Saves_a_tokenizer_json_that_loads_back_to_the_same_encoding()
    {
        using var source = new TemporaryFolder();
        using var saved = new TemporaryFolder();
        WriteTokenizerJson(source.File("tokenizer.json"), mergesAsPairs: true);

        await ModelTokenizer.Load(source.Path).SaveAsync(saved.Path, 128, CancellationToken.None);
        var loaded = ModelTokenizer.Load(saved.Path);

        Assert.False(File.Exists(saved.File("vocab.json")));
        foreach (var (text, ids, _) in ReferenceStrings())
        {
            Assert.Equal(ids, loaded.Encode(text));
        }
    }

    [Fact]
    public void Splits_with_the_pre_tokenizer_regex_of_a_tokenizer_json()
    {
        using var folder = new TemporaryFolder();
        var vocabulary = ByteLevelVocabulary();
        var document = new JsonObject
        {
            ["added_tokens"] = new JsonArray(),
            ["pre_tokenizer"] = new JsonObject
            {
                ["type"] = "Sequence",
                ["pretokenizers"] = new JsonArray(
                    new JsonObject
                    {
                        ["type"] = "Split",
                        ["pattern"] = new JsonObject { ["Regex"] = @"\p{N}{1,3}|[^\p{N}]+" },
                        ["behavior"] = "Isolated",
                    },
                    new JsonObject { ["type"] = "ByteLevel", ["use_regex"] = false }),
            },
            ["model"] = new JsonObject
            {
                ["type"] = "BPE",
                ["vocab"] = vocabulary,
                ["merges"] = new JsonArray(new JsonArray("1", "2"), new JsonArray("12", "3")),
            },
        };
        vocabulary["12"] = 256;
        vocabulary["123"] = 257;
        File.WriteAllText(folder.File("tokenizer.json"), document.ToJsonString());

        var tokenizer = ModelTokenizer.Load(folder.Path);

        // "123" merges into one token; the fourth digit starts a new piece, so "1234" never merges past 3.
        Assert.Equal([257, 257], tokenizer.Encode("123123"));
        Assert.Equal([257, '4' - '!'], tokenizer.Encode("1234"));
        Assert.Equal("1234", tokenizer.Decode(tokenizer.Encode("1234")));
        Assert.Equal((null, null), (tokenizer.BosTokenId, tokenizer.EosTokenId));
    }

    [Theory]
    [InlineData("WordPiece")]
    [InlineData("Unigram")]
    public void Names_the_file_and_the_model_type_of_an_unsupported_tokenizer_json(string type)
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.File("tokenizer.json"), $"{{\"model\": {{\"type\": \"{type}\", \"vocab\": {{}}}}}}");

        var error = Assert.Throws<InvalidDataException>(() => ModelTokenizer.Load(folder.Path));

        Assert.Equal($"{folder.File("tokenizer.json")}: model.type: expected BPE (the only tokenizer.json model " +
            $"supported), found {type}", error.Message);
    }

    // A tokenizer.json as Hugging Face writes it for the tiny-gpt2 fixture's vocab.json and merges.txt.
    private static void WriteTokenizerJson(string path, bool mergesAsPairs)
    {
        var fixture = ReferenceFixture.Folder("tiny-gpt2");
        var vocabulary = JsonNode.Parse(File.ReadAllText(Path.Combine(fixture, "vocab.json")))!.AsObject();
        var merges = new JsonArray(File.ReadAllLines(Path.Combine(fixture, "merges.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith("#version", StringComparison.Ordinal))
            .Select(line => mergesAsPairs ? new JsonArray(line.Split(' ').Select(part => JsonValue.Create(part))
                .ToArray<JsonNode?>()) : (JsonNode)JsonValue.Create(line)!)
            .ToArray());
        var document = new JsonObject
        {
            ["version"] = "1.0",
            ["added_tokens"] = new JsonArray(new JsonObject
            {
                ["id"] = 511,
                ["content"] = "<|endoftext|>",
                ["special"] = true,
            }),
            ["pre_tokenizer"] = new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false },
            ["model"] = new JsonObject { ["type"] = "BPE", ["vocab"] = vocabulary, ["merges"] = merges },
        };
        File.WriteAllText(path, document.ToJsonString());
    }

    // The 256 byte symbols, in GPT-2's order: '!' (byte 33) is id 0, so a digit's id is its byte minus 33.
    private static JsonObject ByteLevelVocabulary()
    {
        var vocabulary = new JsonObject();
        foreach (var (symbol, id) in ByteSymbols.InGpt2Order().Select((symbol, id) => (symbol, id)))
        {
            vocabulary[symbol] = id;
        }
        return vocabulary;
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
