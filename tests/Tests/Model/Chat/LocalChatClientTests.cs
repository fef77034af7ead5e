using Microsoft.Extensions.AI;
using SelfInstruct.Model;
using SelfInstruct.Model.Chat;
using SelfInstruct.Model.Generation;
using SelfInstruct.Model.Tokenization;
using SelfInstruct.Tests.Support;
using Xunit;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace SelfInstruct.Tests.Model.Chat;

[Collection(TorchSharpTests.Name)]
public sealed class LocalChatClientTests : IDisposable
{
    private readonly LocalModel _model;
    private readonly TextGenerator _generator;

    public LocalChatClientTests()
    {
        var tokenizer = ModelTokenizer.CreateByteLevel();
        _model = LocalModel.Create(
            ModelPresets.Create(ModelArchitecture.Llama, ModelPreset.Tiny, tokenizer.VocabSize), tokenizer, seed: 9);
        _generator = new TextGenerator(_model.Model, tokenizer);
    }

    public void Dispose() => _model.Dispose();

    [Fact]
    public async Task Answers_with_the_completion_of_the_transcript_and_counts_tokens()
    {
        using var client = new LocalChatClient(_generator, "tiny");
        ChatMessage[] messages = [new(ChatRole.User, "Name a colour.")];
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 12, Instructions = "Be brief." };

        var response = await client.GetResponseAsync(messages, options);

        var prompt = "System: Be brief.\n\nUser: Name a colour.\n\nAssistant:";
        var expected = _generator.Generate([prompt], GenerationOptions.Greedy(12) with
        {
            StopSequences = [ChatTranscript.TurnStop],
        })[0];
        Assert.Equal(expected.Text, response.Text);
        Assert.Equal("tiny", response.ModelId);
        Assert.Equal(Encoding.UTF8.GetByteCount(prompt), response.Usage!.InputTokenCount);
        Assert.Equal(expected.TokenIds.Count, response.Usage.OutputTokenCount);
        Assert.Equal(expected.FinishReason == FinishReason.Stop ? ChatFinishReason.Stop : ChatFinishReason.Length,
            response.FinishReason);
    }

    [Fact]
    public async Task Honours_max_output_tokens_and_a_seed()
    {
        using var client = new LocalChatClient(_generator, "tiny");
        ChatMessage[] messages = [new(ChatRole.User, "Go on.")];
        var options = new ChatOptions { Temperature = 1, TopP = 0.9f, MaxOutputTokens = 7, Seed = 1234567890123 };

        var first = await client.GetResponseAsync(messages, options);
        var again = await client.GetResponseAsync(messages, options);

        Assert.True(first.Usage!.OutputTokenCount <= 7);
        Assert.Equal(first.Text, again.Text);
    }

    [Fact]
    public async Task Serves_concurrent_callers_in_batches_with_the_answers_of_sequential_calls()
    {
        using var client = new LocalChatClient(_generator, "tiny", GenerationOptions.Greedy(20));
        var questions = Enumerable.Range(0, 4).Select(i => $"Question {i}?").ToList();
        var sequential = new List<string>();
        foreach (var question in questions)
        {
            sequential.Add((await client.GetResponseAsync([new ChatMessage(ChatRole.User, question)])).Text);
        }
        Assert.Equal(questions.Count, client.Batcher.BatchCount);

        var concurrent = await Task.WhenAll(questions.Select(question =>
            Task.Run(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, question)]))));

        Assert.Equal(sequential, concurrent.Select(response => response.Text));
        Assert.InRange(client.Batcher.BatchCount, questions.Count + 1, 2 * questions.Count);
    }

    [Fact]
    public async Task Streams_deltas_that_join_to_the_whole_answer_and_ends_with_usage()
    {
        using var client = new LocalChatClient(_generator, "tiny", GenerationOptions.Greedy(30));
        ChatMessage[] messages = [new(ChatRole.User, "Stream, please.")];

        var whole = await client.GetResponseAsync(messages);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(messages))
        {
            updates.Add(update);
        }

        Assert.Equal(whole.Text, string.Concat(updates.Select(update => update.Text)));
        Assert.Equal(whole.FinishReason, updates[^1].FinishReason);
        var usage = Assert.Single(updates[^1].Contents.OfType<UsageContent>());
        Assert.Equal(whole.Usage!.OutputTokenCount, usage.Details.OutputTokenCount);
    }

    [Fact]
    public async Task Stops_a_stream_between_tokens_when_cancelled()
    {
        using var client = new LocalChatClient(_generator, "tiny", GenerationOptions.Greedy(200));
        using var cancellation = new CancellationTokenSource();
        var received = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(
                [new ChatMessage(ChatRole.User, "Talk.")], null, cancellation.Token))
            {
                received++;
                await cancellation.CancelAsync();
            }
        });

        Assert.Equal(1, received);
        var after = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Still there?")],
            new ChatOptions { MaxOutputTokens = 2 });
        var expected = _generator.Generate(["User: Still there?\n\nAssistant:"], GenerationOptions.Greedy(2) with
        {
            StopSequences = [ChatTranscript.TurnStop],
        })[0];
        Assert.Equal(expected.Text, after.Text);
        Assert.Equal(expected.TokenIds.Count, after.Usage!.OutputTokenCount);
    }

    [Fact]
    public async Task Refuses_a_cancelled_request_without_generating()
    {
        using var client = new LocalChatClient(_generator, "tiny");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, "Hi")], null, new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task Completes_raw_prompts_as_a_batch_for_base_models()
    {
        using var client = new LocalChatClient(_generator, "tiny");
        string[] prompts = ["Once upon", "The end"];

        var results = await client.CompleteAsync(prompts, GenerationOptions.Greedy(6), CancellationToken.None);

        Assert.Equal(_generator.Generate(prompts, GenerationOptions.Greedy(6)).Select(result => result.Text),
            results.Select(result => result.Text));
    }

    [Fact]
    public async Task Loads_from_a_checkpoint_folder_as_a_chat_client()
    {
        using var folder = new TemporaryFolder();
        await _model.SaveAsync(folder.File("checkpoint"), CancellationToken.None);
        using var loaded = LocalModel.Load(folder.File("checkpoint"));
        using var client = loaded.CreateChatClient("checkpoint", GenerationOptions.Greedy(10));
        using var original = new LocalChatClient(_generator, "tiny", GenerationOptions.Greedy(10));
        ChatMessage[] messages = [new(ChatRole.User, "Same answer?")];

        var response = await client.GetResponseAsync(messages);

        Assert.Equal((await original.GetResponseAsync(messages)).Text, response.Text);
        Assert.Equal("checkpoint", response.ModelId);
    }

    [Fact]
    public async Task Streams_a_raw_completion_whose_deltas_join_to_the_result()
    {
        using var client = new LocalChatClient(_generator, "tiny");
        var options = GenerationOptions.Greedy(25) with { StopSequences = ["zz"] };
        var chunks = new List<CompletionChunk>();

        await foreach (var chunk in client.CompleteStreamingAsync("Raw text", options, CancellationToken.None))
        {
            chunks.Add(chunk);
        }

        var result = Assert.Single(chunks, chunk => chunk.Result is not null).Result!;
        Assert.Same(result, chunks[^1].Result);
        Assert.Equal(result.Text, string.Concat(chunks.Select(chunk => chunk.Text)));
        Assert.Equal(_generator.Generate(["Raw text"], options)[0].Text, result.Text);
    }

    [Fact]
    public async Task Raw_completions_continue_the_message_text_as_it_is()
    {
        using var client = new LocalChatClient(_generator, "tiny");
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 15 };

        var response = await client.RawCompletions.GetResponseAsync(
            [new AiChatMessage(ChatRole.User, "Once upon a time")], options);
        var streamed = new StringBuilder();
        await foreach (var update in client.RawCompletions.GetStreamingResponseAsync(
            [new AiChatMessage(ChatRole.User, "Once upon a time")], options))
        {
            streamed.Append(update.Text);
        }

        var expected = _generator.Generate(["Once upon a time"], GenerationOptions.Greedy(15))[0];
        Assert.Equal(expected.Text, response.Text);
        Assert.Equal(expected.Text, streamed.ToString());
        Assert.Equal(16, response.Usage!.InputTokenCount);
        Assert.Equal("tiny", response.ModelId);
        Assert.Equal("tiny", client.RawCompletions.GetService<ChatClientMetadata>()!.DefaultModelId);
    }

    [Fact]
    public void Describes_itself_through_get_service()
    {
        using var client = new LocalChatClient(_generator, "tiny");

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.Equal(("selfinstruct-local", "tiny"), (metadata!.ProviderName, metadata.DefaultModelId));
        Assert.Same(client, client.GetService<LocalChatClient>());
    }
}
