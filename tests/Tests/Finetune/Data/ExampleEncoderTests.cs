using SelfInstruct.Finetune.Configuration;
using SelfInstruct.Finetune.Data;
using SelfInstruct.Model;
using SelfInstruct.Model.Tokenization;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Finetune.Data;

public sealed class ExampleEncoderTests
{
    private static readonly ModelTokenizer _tokenizer = ModelTokenizer.CreateByteLevel();
    private static readonly int _eos = _tokenizer.EosTokenId!.Value;

    [Fact]
    public void Masks_every_prompt_token_and_labels_the_response_and_the_end_of_text_token()
    {
        var encoder = Encoder(LossMasking.OutputOnly, TruncationPolicy.TruncatePrompt, maxLength: 256);

        var (example, truncated) = encoder.Encode(new SftExample("Add 2 and 3.\nOutput:", " 5"));

        // Byte-level: 20 prompt bytes, 2 response bytes, then the end-of-text token.
        Assert.False(truncated);
        Assert.Equal(23, example!.Length);
        Assert.Equal(20, example.Labels.Count(label => label == CausalLanguageModel.IgnoreIndex));
        Assert.Equal(example.InputIds.Skip(20), example.Labels.Skip(20));
        Assert.Equal(_eos, example.InputIds[^1]);
    }

    [Fact]
    public void Labels_only_the_assistants_turn_of_a_chat_example_and_adds_no_end_of_text_after_the_template()
    {
        var format = PromptFormat.ForChat(ChatFormat.Of(ChatTemplate.Parse(TemplatedCheckpoint.Template, "zephyr",
            null, ModelTokenizer.EndOfText)));
        var encoder = new ExampleEncoder(format, _tokenizer, _eos, 256, LossMasking.OutputOnly,
            TruncationPolicy.TruncatePrompt);

        var (examples, _) = encoder.EncodeAll([new DatasetRow { TaskId = "t1", Instruction = "Add 2 and 3.", Output = "5" }], null);

        var example = examples.Single();
        var labelled = example.Labels.Where(label => label != CausalLanguageModel.IgnoreIndex).Select(id => (int)id);
        Assert.Equal("<|user|>\nAdd 2 and 3.<|endoftext|>\n<|assistant|>\n5<|endoftext|>\n",
            _tokenizer.Decode(example.InputIds.Select(id => (int)id)));
        Assert.Equal("5<|endoftext|>\n", _tokenizer.Decode(labelled));
    }

    [Fact]
    public void Labels_every_token_with_full_sequence_masking()
    {
        var encoder = Encoder(LossMasking.FullSequence, TruncationPolicy.TruncatePrompt, maxLength: 256);

        var (example, _) = encoder.Encode(new SftExample("Add 2 and 3.\nOutput:", " 5"));

        Assert.Equal(example!.InputIds, example.Labels);
    }

    [Fact]
    public void Cuts_a_long_prompt_from_its_start_and_keeps_the_whole_response()
    {
        var encoder = Encoder(LossMasking.OutputOnly, TruncationPolicy.TruncatePrompt, maxLength: 10);

        var (example, truncated) = encoder.Encode(new SftExample("abcdefghijkl", "xyz"));

        Assert.True(truncated);
        Assert.Equal(10, example!.Length);
        Assert.Equal("ghijklxyz", _tokenizer.Decode(example.InputIds.Take(9).Select(id => (int)id)));
        Assert.Equal(6, example.Labels.Count(label => label == CausalLanguageModel.IgnoreIndex));
    }

    [Fact]
    public void Drops_long_examples_by_option_and_counts_each_outcome()
    {
        var rows = new[] { Row("short", "ok"), Row(new string('a', 40), "ok"), Row("short", new string('b', 40)) };

        var (truncating, truncateCounts) = Encoder(LossMasking.OutputOnly, TruncationPolicy.TruncatePrompt, 30)
            .EncodeAll(rows, null);
        var (dropping, dropCounts) = Encoder(LossMasking.OutputOnly, TruncationPolicy.Drop, 30).EncodeAll(rows, null);

        Assert.Equal(new EncodingCounts(Used: 2, Truncated: 1, Dropped: 1), truncateCounts);
        Assert.Equal(new EncodingCounts(Used: 1, Truncated: 0, Dropped: 2), dropCounts);
        Assert.Equal(2, truncating.Count);
        Assert.Single(dropping);
    }

    private static ExampleEncoder Encoder(LossMasking masking, TruncationPolicy truncation, int maxLength) =>
        new(PromptFormat.For(PromptFormatKind.SelfInstruct), _tokenizer, _eos, maxLength, masking, truncation);

    private static DatasetRow Row(string instruction, string output) =>
        new() { TaskId = instruction, Instruction = instruction, Output = output };
}
