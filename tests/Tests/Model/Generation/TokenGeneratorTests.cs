using SelfInstruct.Model;
using SelfInstruct.Model.Checkpoints;
using SelfInstruct.Model.Generation;
using SelfInstruct.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace SelfInstruct.Tests.Model.Generation;

[Collection(TorchSharpTests.Name)]
public sealed class TokenGeneratorTests
{
    private const int EndOfText = 511;

    [SharedDataTheory]
    [InlineData("tiny-gpt2", true)]
    [InlineData("tiny-gpt2", false)]
    [InlineData("tiny-llama", true)]
    [InlineData("tiny-llama", false)]
    [InlineData("tiny-qwen2", true)]
    [InlineData("tiny-qwen2", false)]
    public void Greedy_decoding_reproduces_the_reference_continuations(string fixture, bool useKvCache)
    {
        using var model = Checkpoint.Load(ReferenceFixture.Folder(fixture));
        var options = GenerationOptions.Greedy(16) with { UseKvCache = useKvCache };

        foreach (var reference in ReferenceFixture.Cases(fixture))
        {
            var result = new TokenGenerator(model).Generate([Ints(reference.InputIds)], options, [EndOfText]);

            Assert.Equal(Ints(reference.GreedyNewTokenIds), result[0].TokenIds);
            Assert.Equal(FinishReason.Length, result[0].FinishReason);
        }
    }

    [SharedDataTheory]
    [InlineData("tiny-gpt2")]
    [InlineData("tiny-llama")]
    [InlineData("tiny-qwen2")]
    public void Kv_cache_logits_equal_full_recomputation(string fixture)
    {
        using var model = Checkpoint.Load(ReferenceFixture.Folder(fixture));
        var reference = ReferenceFixture.Cases(fixture)[0];
        var all = reference.InputIds.Concat(reference.GreedyNewTokenIds).ToArray();
        var promptLength = reference.InputIds.Length;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var cache = new KvCache(model.Config.LayerCount);

        var full = model.Logits(tensor(all).unsqueeze(0));
        var prefill = model.Logits(tensor(reference.InputIds).unsqueeze(0), cache: cache);
        var steps = all.Skip(promptLength).Select(id => model.Logits(tensor(new[] { id }).unsqueeze(0), cache: cache))
            .ToList();

        Assert.True(TensorAssert.MaxDifference(full.narrow(1, 0, promptLength), prefill) <= 1e-4);
        for (var i = 0; i < steps.Count; i++)
        {
            var difference = TensorAssert.MaxDifference(full.narrow(1, promptLength + i, 1), steps[i]);
            Assert.True(difference <= 1e-4, $"{fixture} step {i}: {difference:E3} > 1e-4");
        }
        Assert.Equal(all.Length, cache.Length);
    }

    [SharedDataTheory]
    [InlineData("tiny-gpt2", true)]
    [InlineData("tiny-llama", true)]
    [InlineData("tiny-llama", false)]
    [InlineData("tiny-qwen2", true)]
    public void Greedy_on_a_left_padded_batch_equals_greedy_one_by_one(string fixture, bool useKvCache)
    {
        using var model = Checkpoint.Load(ReferenceFixture.Folder(fixture));
        var cases = ReferenceFixture.Cases(fixture);
        var prompts = new[] { cases[1].InputIds, cases[0].InputIds, cases[1].InputIds[..3] }.Select(Ints).ToList();
        var options = GenerationOptions.Greedy(16) with { UseKvCache = useKvCache };
        var generator = new TokenGenerator(model);

        var batched = generator.Generate(prompts, options, [EndOfText]);
        var single = prompts.Select(prompt => generator.Generate([prompt], options, [EndOfText])[0]).ToList();

        Assert.Equal(Ints(cases[1].GreedyNewTokenIds), batched[0].TokenIds);
        Assert.Equal(Ints(cases[0].GreedyNewTokenIds), batched[1].TokenIds);
        Assert.Equal(single.Select(result => result.TokenIds), batched.Select(result => result.TokenIds));
    }

    [Fact]
    public void Seeded_sampling_is_reproducible_and_the_seed_matters()
    {
        using var model = RandomModel();
        var options = new GenerationOptions
        {
            MaxNewTokens = 24,
            Temperature = 0.9,
            TopP = 0.95,
            TopK = 100,
            PresencePenalty = 0.5,
            FrequencyPenalty = 0.2,
            Seed = 7,
        };
        var generator = new TokenGenerator(model);
        IReadOnlyList<int>[] prompts = [[1, 2, 3], [4, 5]];

        var first = generator.Generate(prompts, options, []);
        var again = generator.Generate(prompts, options, []);
        var otherSeed = generator.Generate(prompts, options with { Seed = 8 }, []);

        Assert.Equal(first.Select(result => result.TokenIds), again.Select(result => result.TokenIds));
        Assert.NotEqual(first.Select(result => result.TokenIds), otherSeed.Select(result => result.TokenIds));
    }

    [Fact]
    public void Top_k_of_one_and_a_tiny_top_p_both_sample_the_greedy_tokens()
    {
        using var model = RandomModel();
        var generator = new TokenGenerator(model);
        IReadOnlyList<int>[] prompts = [[9, 8, 7, 6]];

        var greedy = generator.Generate(prompts, GenerationOptions.Greedy(12), [])[0].TokenIds;
        var topK = generator.Generate(prompts, new GenerationOptions { MaxNewTokens = 12, TopK = 1 }, [])[0].TokenIds;
        var topP = generator.Generate(prompts, new GenerationOptions { MaxNewTokens = 12, TopP = 1e-9 }, [])[0]
            .TokenIds;

        Assert.Equal(greedy, topK);
        Assert.Equal(greedy, topP);
    }

    [Theory]
    [InlineData(100, 0)]
    [InlineData(0, 100)]
    public void A_large_presence_or_frequency_penalty_never_repeats_a_token(double presence, double frequency)
    {
        using var model = RandomModel();
        var options = GenerationOptions.Greedy(40) with { PresencePenalty = presence, FrequencyPenalty = frequency };

        var tokens = new TokenGenerator(model).Generate([[1, 2]], options, [])[0].TokenIds;

        Assert.Equal(40, tokens.Distinct().Count());
    }

    [Fact]
    public void Respects_max_new_tokens()
    {
        using var model = RandomModel();

        var results = new TokenGenerator(model).Generate([[1], [2, 3, 4]], GenerationOptions.Greedy(5), []);

        Assert.All(results, result => Assert.Equal(5, result.TokenIds.Count));
        Assert.All(results, result => Assert.Equal(FinishReason.Length, result.FinishReason));
    }

    [Fact]
    public void Ends_a_row_at_an_end_of_sequence_token_without_returning_it()
    {
        using var model = RandomModel();
        var generator = new TokenGenerator(model);
        var free = generator.Generate([[5, 6]], GenerationOptions.Greedy(8), [])[0].TokenIds;

        var ended = generator.Generate([[5, 6]], GenerationOptions.Greedy(8), [free[3]])[0];

        Assert.Equal(free.Take(free.ToList().IndexOf(free[3])), ended.TokenIds);
        Assert.Equal(FinishReason.Stop, ended.FinishReason);
    }

    [Fact]
    public void Stops_between_tokens_when_cancelled()
    {
        using var model = RandomModel();
        using var cancellation = new CancellationTokenSource();
        var seen = 0;

        void OnToken(int row, int token)
        {
            if (++seen == 3)
            {
                cancellation.Cancel();
            }
        }

        Assert.Throws<OperationCanceledException>(() => new TokenGenerator(model).Generate(
            [[1, 2]], GenerationOptions.Greedy(20), [], null, OnToken, cancellation.Token));
        Assert.Equal(3, seen);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Leaves_no_tensor_alive_after_a_call(bool useKvCache)
    {
        using var model = RandomModel();
        var generator = new TokenGenerator(model);
        var options = new GenerationOptions { MaxNewTokens = 6, TopP = 0.9, TopK = 5, UseKvCache = useKvCache };
        generator.Generate([[1, 2, 3], [4]], options, []);
        var before = TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        generator.Generate([[1, 2, 3], [4]], options, []);

        Assert.Equal(before, TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Refuses_a_prompt_that_fills_the_context()
    {
        using var model = RandomModel();
        var prompt = Enumerable.Repeat(1, model.Config.MaxPositions).ToList();

        var error = Assert.Throws<ArgumentException>(
            () => new TokenGenerator(model).Generate([prompt], GenerationOptions.Greedy(1), []));

        Assert.StartsWith("a prompt of 256 tokens leaves no room in the context length 256", error.Message);
    }

    internal static CausalLanguageModel RandomModel()
    {
        manual_seed(1234);
        var model = new CausalLanguageModel(ModelPresets.Create(ModelArchitecture.Llama, ModelPreset.Tiny, 300));
        using var noGrad = no_grad();
        foreach (var parameter in model.parameters())
        {
            parameter.normal_(0, 0.3);
        }
        return model;
    }

    private static int[] Ints(long[] ids) => ids.Select(id => (int)id).ToArray();
}
