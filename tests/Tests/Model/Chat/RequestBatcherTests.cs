using SelfInstruct.Model;
using SelfInstruct.Model.Chat;
using SelfInstruct.Model.Generation;
using SelfInstruct.Model.Tokenization;
using Xunit;

namespace SelfInstruct.Tests.Model.Chat;

[Collection(TorchSharpTests.Name)]
public sealed class RequestBatcherTests : IDisposable
{
    private readonly LocalModel _model;
    private readonly TextGenerator _generator;
    private readonly SemaphoreSlim _turn = new(1, 1);

    public RequestBatcherTests()
    {
        var tokenizer = ModelTokenizer.CreateByteLevel();
        _model = LocalModel.Create(
            ModelPresets.Create(ModelArchitecture.Llama, ModelPreset.Tiny, tokenizer.VocabSize), tokenizer, seed: 9);
        _generator = new TextGenerator(_model.Model, tokenizer);
    }

    public void Dispose()
    {
        _turn.Dispose();
        _model.Dispose();
    }

    [Fact]
    public async Task Runs_requests_that_wait_with_equal_options_as_one_batch_with_the_answers_of_one_by_one()
    {
        var batcher = new RequestBatcher(_generator, _turn);
        string[] prompts = ["Once upon", "The end is near", "A", "Colours: red, green,"];
        await _turn.WaitAsync();

        // Equal stop sequences in different lists still count as equal options.
        var pending = prompts.Select(prompt => batcher.CompleteAsync(prompt, Greedy(12, ["\n\n"]), default)).ToList();
        await WaitUntilAsync(() => batcher.PendingCount == prompts.Length);
        _turn.Release();
        var results = await Task.WhenAll(pending);

        Assert.Equal(1, batcher.BatchCount);
        Assert.Equal(prompts.Select(prompt => Alone(prompt, Greedy(12, ["\n\n"]))), results.Select(Text));
    }

    [Fact]
    public async Task Keeps_requests_with_different_options_in_separate_batches()
    {
        var batcher = new RequestBatcher(_generator, _turn);
        (string Prompt, GenerationOptions Options)[] requests =
        [
            ("Once upon", Greedy(5, [])),
            ("Once upon", Greedy(9, [])),
            ("The end", Greedy(5, [])),
            ("The end", Greedy(5, ["e"])),
            ("A", Greedy(9, [])),
        ];
        await _turn.WaitAsync();

        var pending = requests.Select(request => batcher.CompleteAsync(request.Prompt, request.Options, default))
            .ToList();
        await WaitUntilAsync(() => batcher.PendingCount == requests.Length);
        _turn.Release();
        var results = await Task.WhenAll(pending);

        Assert.Equal(3, batcher.BatchCount);
        Assert.Equal(requests.Select(request => Alone(request.Prompt, request.Options)), results.Select(Text));
        Assert.All(results.Zip(requests), pair => Assert.True(pair.First.TokenIds.Count <= pair.Second.Options
            .MaxNewTokens));
    }

    [Fact]
    public async Task Runs_seeded_sampled_requests_alone_so_a_seed_repeats_its_answer()
    {
        var batcher = new RequestBatcher(_generator, _turn);
        var sampled = new GenerationOptions { MaxNewTokens = 8, Temperature = 1.0, Seed = 7 };
        string[] prompts = ["Once upon", "The end", "A"];
        await _turn.WaitAsync();

        var pending = prompts.Select(prompt => batcher.CompleteAsync(prompt, sampled, default)).ToList();
        await WaitUntilAsync(() => batcher.PendingCount == prompts.Length);
        _turn.Release();
        var results = await Task.WhenAll(pending);

        Assert.Equal(3, batcher.BatchCount);
        Assert.Equal(prompts.Select(prompt => Alone(prompt, sampled)), results.Select(Text));
    }

    [Fact]
    public async Task A_cancelled_caller_leaves_the_others_their_answers()
    {
        var batcher = new RequestBatcher(_generator, _turn);
        using var cancellation = new CancellationTokenSource();
        string[] prompts = ["Once upon", "Talk.", "The end"];
        await _turn.WaitAsync();

        var pending = prompts.Select((prompt, index) => batcher.CompleteAsync(prompt, Greedy(40, []),
            index == 1 ? cancellation.Token : default)).ToList();
        await WaitUntilAsync(() => batcher.PendingCount == prompts.Length);
        _turn.Release();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending[1]);
        Assert.Equal(Alone("Once upon", Greedy(40, [])), (await pending[0]).Text);
        Assert.Equal(Alone("The end", Greedy(40, [])), (await pending[2]).Text);
    }

    [Fact]
    public async Task Stops_a_batch_whose_callers_all_cancelled_and_serves_the_next()
    {
        var batcher = new RequestBatcher(_generator, _turn);
        using var cancellation = new CancellationTokenSource();

        var pending = Enumerable.Range(0, 3)
            .Select(i => batcher.CompleteAsync($"Talk {i}.", Greedy(200, []), cancellation.Token))
            .ToList();
        await cancellation.CancelAsync();

        foreach (var request in pending)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        }
        var after = await batcher.CompleteAsync("Still there?", Greedy(3, []), default);
        Assert.Equal(Alone("Still there?", Greedy(3, [])), after.Text);
    }

    [Fact]
    public async Task A_prompt_over_the_context_fails_only_its_own_caller()
    {
        var batcher = new RequestBatcher(_generator, _turn);
        string[] prompts = ["Once upon", new('x', _model.Model.Config.MaxPositions + 10), "The end"];
        await _turn.WaitAsync();

        var pending = prompts.Select(prompt => batcher.CompleteAsync(prompt, Greedy(6, []), default)).ToList();
        await WaitUntilAsync(() => batcher.PendingCount == prompts.Length);
        _turn.Release();

        await Assert.ThrowsAsync<ArgumentException>(() => pending[1]);
        Assert.Equal(Alone("Once upon", Greedy(6, [])), (await pending[0]).Text);
        Assert.Equal(Alone("The end", Greedy(6, [])), (await pending[2]).Text);
    }

    [Fact]
    public async Task Refuses_a_cancelled_request_without_queueing_it()
    {
        var batcher = new RequestBatcher(_generator, _turn);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => batcher.CompleteAsync("Hi", Greedy(3, []), new CancellationToken(canceled: true)));

        Assert.Equal((0, 0), (batcher.PendingCount, batcher.BatchCount));
    }

    private static GenerationOptions Greedy(int maxNewTokens, string[] stops) =>
        GenerationOptions.Greedy(maxNewTokens) with { StopSequences = [.. stops] };

    private string Alone(string prompt, GenerationOptions options) => _generator.Generate([prompt], options)[0].Text;

    private static string Text(GeneratedText result) => result.Text;

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 seconds");
            await Task.Delay(5);
        }
    }
}
