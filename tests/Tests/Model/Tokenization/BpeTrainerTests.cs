using SelfInstruct.Model.Tokenization;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Model.Tokenization;

public sealed class BpeTrainerTests
{
    // Pairs: u g 4, h u 3, p u 2, u n 2, b u 1, g s 1; after "u g": h ug 3, u n 2; after "h ug": u n 2;
    // after "u n" none occurs twice.
    private static readonly string[] _hugs = ["hug", "hug", "pug", "pun", "bun", "hugs"];

    private static readonly string[] _strings =
    [
        "hug the pug", "Zyzzyva quux", "naïve café, Ærøskøbing", "emoji 👍🏽 and 🧪!",
        "tabs\tand\r\nnew lines  \n",
        "   leading and trailing   ", "<|endoftext|> inside <|endoftext|>", "", "'s'll ', 1234567 3.14",
        "\u0000\u0001 control \u007f", "日本語のテキスト",
    ];

    private static readonly Lazy<List<string>> _seedTexts = new(ReadSeedTexts);

    private static readonly Lazy<ModelTokenizer> _seedTokenizer = new(() => BpeTrainer.Train(SeedTexts(), 1024));

    [Fact]
    public void Merges_the_most_frequent_pair_first_until_no_pair_occurs_twice()
    {
        var merges = BpeTrainer.LearnMerges(_hugs, 10_000);

        Assert.Equal(["u g", "h ug", "u n"], merges);
    }

    [Fact]
    public void Stops_at_the_vocabulary_size_counting_bytes_merges_and_end_of_text()
    {
        var tokenizer = BpeTrainer.Train(_hugs, 259);

        Assert.Equal(259, tokenizer.VocabSize);
        Assert.Equal(258, tokenizer.EosTokenId);
        Assert.Equal("GPT-2 byte-level BPE, 259 tokens, 2 merges", tokenizer.Description);
        Assert.Equal([256], tokenizer.Encode("ug"));
        Assert.Equal([257], tokenizer.Encode("hug"));
        Assert.Equal(ModelTokenizer.CreateByteLevel().Encode("un"), tokenizer.Encode("un"));
    }

    [Fact]
    public void Breaks_ties_by_the_ordinal_order_of_the_pair_whatever_the_text_order()
    {
        var forward = BpeTrainer.LearnMerges(["cd", "cd", "ab", "ab"], 258);
        var backward = BpeTrainer.LearnMerges(["ab", "ab", "cd", "cd"], 258);

        Assert.Equal(["a b"], forward);
        Assert.Equal(["a b"], backward);
    }

    [Theory]
    [InlineData(257)]
    [InlineData(0)]
    public void A_vocabulary_of_at_most_257_learns_no_merges(int vocabSize)
    {
        var tokenizer = BpeTrainer.Train(_hugs, vocabSize);

        Assert.Equal(257, tokenizer.VocabSize);
        Assert.Equal(ModelTokenizer.CreateByteLevel().Encode("hug pug"), tokenizer.Encode("hug pug"));
    }

    [Fact]
    public void Any_string_encodes_and_decodes_back_exactly()
    {
        var tokenizer = _seedTokenizer.Value;

        foreach (var text in _strings)
        {
            Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
        }
    }

    [Fact]
    public void The_end_of_text_token_stays_one_special_id()
    {
        var tokenizer = BpeTrainer.Train(["<|endoftext|><|endoftext|> x <|endoftext|>", .. _hugs], 300);

        Assert.Equal([tokenizer.EosTokenId!.Value], tokenizer.Encode(ModelTokenizer.EndOfText));
        Assert.Equal(tokenizer.VocabSize - 1, tokenizer.EosTokenId);
    }

    [Fact]
    public async Task Saves_files_that_load_back_to_the_same_encoding()
    {
        using var folder = new TemporaryFolder();
        var tokenizer = _seedTokenizer.Value;

        await tokenizer.SaveAsync(folder.Path, 256, CancellationToken.None);
        var loaded = ModelTokenizer.Load(folder.Path);

        Assert.Equal((tokenizer.VocabSize, tokenizer.EosTokenId), (loaded.VocabSize, loaded.EosTokenId));
        foreach (var text in _strings.Concat(SeedTexts().Take(200)))
        {
            Assert.Equal(tokenizer.Encode(text), loaded.Encode(text));
        }
    }

    [Fact]
    public async Task The_same_texts_give_the_same_files()
    {
        using var first = new TemporaryFolder();
        using var second = new TemporaryFolder();

        await BpeTrainer.Train(SeedTexts().Take(200), 600).SaveAsync(first.Path, 256, CancellationToken.None);
        await BpeTrainer.Train(SeedTexts().Take(200), 600).SaveAsync(second.Path, 256, CancellationToken.None);

        foreach (var name in new[] { "vocab.json", "merges.txt" })
        {
            Assert.Equal(
                await File.ReadAllBytesAsync(first.File(name)), await File.ReadAllBytesAsync(second.File(name)));
        }
    }

    [Fact]
    public void Shrinks_the_seed_tasks_to_under_36_percent_of_their_bytes_at_2048()
    {
        var texts = SeedTexts();
        var tokenizer = BpeTrainer.Train(texts, 2048);

        var bytes = texts.Sum(Encoding.UTF8.GetByteCount);
        var tokens = texts.Sum(text => tokenizer.Encode(text).Count);

        Assert.Equal(2048, tokenizer.VocabSize);
        // Measured: 35,984 tokens for 108,012 bytes (33%); the byte tokenizer needs one token per byte.
        Assert.InRange(tokens, 1, bytes * 36 / 100);
    }

    private static List<string> SeedTexts() => _seedTexts.Value;

    private static List<string> ReadSeedTexts()
    {
        var dataset = DatasetFiles.ReadAsync(RepositoryRoot.PathTo("data/seed_tasks.jsonl"), null,
            CancellationToken.None).GetAwaiter().GetResult();
        return [.. dataset.Rows.SelectMany(row => new[] { row.Instruction, row.Input, row.Output })];
    }
}
