using Xunit;

namespace SelfInstruct.Tests.Core.Rouge;

public sealed class PorterStemmerTests
{
    [Theory]
    [InlineData("sky", "sky")]
    [InlineData("skies", "sky")]
    [InlineData("dying", "die")]
    [InlineData("lying", "lie")]
    [InlineData("tying", "tie")]
    [InlineData("news", "news")]
    [InlineData("innings", "inning")]
    [InlineData("outings", "outing")]
    [InlineData("cannings", "canning")]
    [InlineData("howe", "howe")]
    [InlineData("proceed", "proceed")]
    [InlineData("exceed", "exceed")]
    [InlineData("succeed", "succeed")]
    public void Maps_irregular_forms_from_the_extension_pool(string word, string expected)
    {
        var stemmer = new PorterStemmer();

        var stem = stemmer.Stem(word);

        Assert.Equal(expected, stem);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("s")]
    [InlineData("is")]
    [InlineData("as")]
    [InlineData("ed")]
    public void Leaves_words_of_one_or_two_characters_unchanged(string word)
    {
        var stemmer = new PorterStemmer();

        var stem = stemmer.Stem(word);

        Assert.Equal(word, stem);
    }

    [Theory]
    [InlineData("was", "wa")]
    [InlineData("his", "hi")]
    [InlineData("ies", "i")]
    [InlineData("try", "tri")]
    [InlineData("say", "say")]
    public void Stems_three_letter_words_like_nltk(string word, string expected)
    {
        var stemmer = new PorterStemmer();

        var stem = stemmer.Stem(word);

        Assert.Equal(expected, stem);
    }

    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("discusses", "discuss")]
    [InlineData("ponies", "poni")]
    [InlineData("flies", "fli")]
    [InlineData("ties", "tie")]
    [InlineData("dies", "die")]
    [InlineData("caress", "caress")]
    [InlineData("cats", "cat")]
    public void Strips_plurals_in_step_1a(string word, string expected)
    {
        var stemmer = new PorterStemmer();

        var stem = stemmer.Stem(word);

        Assert.Equal(expected, stem);
    }

    [Theory]
    [InlineData("feed", "feed")]
    [InlineData("agreed", "agre")]
    [InlineData("guaranteed", "guarante")]
    [InlineData("died", "die")]
    [InlineData("spied", "spi")]
    [InlineData("satisfied", "satisfi")]
    [InlineData("conflated", "conflat")]
    [InlineData("troubled", "troubl")]
    [InlineData("sized", "size")]
    [InlineData("hopping", "hop")]
    [InlineData("falling", "fall")]
    [InlineData("hissing", "hiss")]
    [InlineData("fizzed", "fizz")]
    [InlineData("failing", "fail")]
    [InlineData("filing", "file")]
    [InlineData("owing", "owe")]
    [InlineData("coming", "come")]
    [InlineData("sing", "sing")]
    public void Strips_eed_ed_and_ing_in_step_1b(string word, string expected)
    {
        var stemmer = new PorterStemmer();

        var stem = stemmer.Stem(word);

        Assert.Equal(expected, stem);
    }

    [Theory]
    [InlineData("happy", "happi")]
    [InlineData("salty", "salti")]
    [InlineData("enjoy", "enjoy")]
    [InlineData("played", "play")]
    [InlineData("trying", "tri")]
    [InlineData("syzygy", "syzygi")]
    [InlineData("yyyy", "yyyi")]
    public void Turns_a_final_y_after_a_consonant_into_i_in_step_1c(string word, string expected)
    {
        var stemmer = new PorterStemmer();

        var stem = stemmer.Stem(word);

        Assert.Equal(expected, stem);
    }

    [Theory]
    [InlineData("relational", "relat")]
    [InlineData("conditional", "condit")]
    [InlineData("rational", "ration")]
    [InlineData("digitizer", "digit")]
    [InlineData("probably", "probabl")]
    [InlineData("generally", "gener")]
    [InlineData("logically", "logic")]
    [InlineData("carefully", "care")]
    [InlineData("differently", "differ")]
    [InlineData("analogously", "analog")]
    [InlineData("organization", "organ")]
    [InlineData("operator", "oper")]
    [InlineData("feudalism", "feudal")]
    [InlineData("attractiveness", "attract")]
    [InlineData("consciousness", "conscious")]
    [InlineData("sensitivity", "sensit")]
    [InlineData("responsibility", "respons")]
    [InlineData("geology", "geolog")]
    [InlineData("technologies", "technolog")]
    public void Maps_double_suffixes_in_step_2(string word, string expected)
    {
        var stemmer = new PorterStemmer();

        var stem = stemmer.Stem(word);

        Assert.Equal(expected, stem);
    }

    [Theory]
    [InlineData("triplicate", "triplic")]
    [InlineData("formative", "form")]
    [InlineData("formalize", "formal")]
    [InlineData("electricity", "electr")]
    [InlineData("electrical", "electr")]
    [InlineData("goodness", "good")]
    [InlineData("allowance", "allow")]
    [InlineData("inference", "infer")]
    [InlineData("adjustable", "adjust")]
    [InlineData("replacement", "replac")]
    [InlineData("dependent", "depend")]
    [InlineData("adoption", "adopt")]
    [InlineData("communism", "commun")]
    [InlineData("effective", "effect")]
    public void Strips_suffixes_in_steps_3_and_4(string word, string expected)
    {
        var stemmer = new PorterStemmer();

        var stem = stemmer.Stem(word);

        Assert.Equal(expected, stem);
    }

    [Theory]
    [InlineData("probate", "probat")]
    [InlineData("rate", "rate")]
    [InlineData("cease", "ceas")]
    [InlineData("texture", "textur")]
    [InlineData("controlling", "control")]
    [InlineData("basketball", "basketbal")]
    [InlineData("roll", "roll")]
    public void Tidies_a_final_e_or_double_l_in_step_5(string word, string expected)
    {
        var stemmer = new PorterStemmer();

        var stem = stemmer.Stem(word);

        Assert.Equal(expected, stem);
    }

    [Theory]
    [InlineData("2023", "2023")]
    [InlineData("1980s", "1980")]
    [InlineData("49ers", "49er")]
    [InlineData("w3resource", "w3resourc")]
    [InlineData("covid19", "covid19")]
    [InlineData("abc123ing", "abc123")]
    [InlineData("4ing", "4ing")]
    public void Treats_digits_as_consonants(string word, string expected)
    {
        var stemmer = new PorterStemmer();

        var stem = stemmer.Stem(word);

        Assert.Equal(expected, stem);
    }

    [Fact]
    public void Returns_the_input_instance_when_the_word_is_already_a_stem()
    {
        var stemmer = new PorterStemmer();
        var word = new string("control".AsSpan());

        var stem = stemmer.Stem(word);

        Assert.Same(word, stem);
    }

    [Fact]
    public void Gives_the_same_stems_when_one_instance_is_shared_across_threads()
    {
        var stemmer = new PorterStemmer();
        string[] words = ["generalizations", "controlling", "hopefully", "skies", "1980s", "agreed", "happy"];
        var expected = words.Select(stemmer.Stem).ToArray();
        var results = new string[256][];

        Parallel.For(0, results.Length, i => results[i] = words.Select(stemmer.Stem).ToArray());

        Assert.All(results, stems => Assert.Equal(expected, stems));
    }
}
