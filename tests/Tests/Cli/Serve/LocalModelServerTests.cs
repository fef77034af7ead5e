using System.ClientModel;
using System.Net.Http.Json;
using OpenAI;
using OpenAI.Chat;
using SelfInstruct.Cli.Serve;
using SelfInstruct.Model;
using SelfInstruct.Model.Chat;
using SelfInstruct.Model.Generation;
using SelfInstruct.Model.Tokenization;
using SelfInstruct.Tests.Model;
using Xunit;

namespace SelfInstruct.Tests.Cli.Serve;

/// <summary>
/// The local model behind the OpenAI-compatible server: chat through the transcript, completions raw.
/// </summary>
[Collection(TorchSharpTests.Name)]
public sealed class LocalModelServerTests
{
    private const string ModelId = "tiny-local";

    [Fact]
    public async Task Serves_chat_and_raw_completions_of_a_local_model_to_openai_clients()
    {
        using var model = TinyModel();
        var tokenizer = model.Tokenizer;
        using var client = model.CreateChatClient(ModelId);
        await using var server = await ServeAsync(client);
        var openAi = new OpenAIClient(new ApiKeyCredential("unused"),
            new OpenAIClientOptions { Endpoint = new Uri(server.BaseAddress, "v1") });
        using var http = new HttpClient();

        var chat = (await openAi.GetChatClient(ModelId).CompleteChatAsync([new UserChatMessage("Hello")],
            new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 10 })).Value;
        var completion = JsonNode.Parse(await (await http.PostAsJsonAsync(new Uri(server.BaseAddress, "v1/completions"),
            new { model = ModelId, prompt = "Once", max_tokens = 8, temperature = 0 })).Content.ReadAsStringAsync())!;

        var generator = new TextGenerator(model.Model, tokenizer);
        var transcript = generator.Generate(["User: Hello\n\nAssistant:"], GenerationOptions.Greedy(10) with
        {
            StopSequences = ["\nUser:"],
        })[0];
        Assert.Equal(transcript.Text, chat.Content[0].Text);
        Assert.Equal(generator.Generate(["Once"], GenerationOptions.Greedy(8))[0].Text,
            completion["choices"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refuses_a_prompt_and_max_tokens_over_the_context_the_way_vllm_does()
    {
        using var model = TinyModel();
        using var client = model.CreateChatClient(ModelId);
        await using var server = await ServeAsync(client);
        using var http = new HttpClient();
        var context = model.Model.Config.MaxPositions;
        // The byte-level tokenizer makes one token per byte of "Once".
        Task<HttpResponseMessage> Complete(int maxTokens) => http.PostAsJsonAsync(
            new Uri(server.BaseAddress, "v1/completions"), new { model = ModelId, prompt = "Once", max_tokens = maxTokens });

        using var over = await Complete(context - 3);
        using var fits = await Complete(4);

        Assert.Equal(400, (int)over.StatusCode);
        Assert.Contains($"This model's maximum context length is {context} tokens; you asked for 4 + {context - 3}",
            await over.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(200, (int)fits.StatusCode);
    }

    private static LocalModel TinyModel()
    {
        var tokenizer = ModelTokenizer.CreateByteLevel();
        return LocalModel.Create(
            ModelPresets.Create(ModelArchitecture.Qwen2, ModelPreset.Tiny, tokenizer.VocabSize), tokenizer, seed: 4);
    }

    private static async Task<OpenAICompatibleServer> ServeAsync(LocalChatClient client)
    {
        var server = new OpenAICompatibleServer(client, client.RawCompletions, new ServeOptions(ModelId, Port: 0));
        await server.StartAsync(CancellationToken.None);
        return server;
    }
}
