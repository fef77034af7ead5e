using Microsoft.Extensions.AI;
using SelfInstruct.Model;
using SelfInstruct.Model.Generation;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Model.Chat;

/// <summary>The local chat client over a checkpoint that ships a chat template.</summary>
[Collection(TorchSharpTests.Name)]
public sealed class TemplatedChatTests
{
    [Fact]
    public async Task Renders_instructions_and_messages_through_the_template_and_stops_at_its_end_of_turn()
    {
        using var folder = new TemporaryFolder();
        using var model = LocalModel.Load(await TemplatedCheckpoint.CreateAsync(folder.File("model")));
        using var client = model.CreateChatClient("tiny", GenerationOptions.Greedy(6));

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")],
            new ChatOptions { Instructions = "Be brief." });

        var prompt = "<|system|>\nBe brief.<|endoftext|>\n<|user|>\nHi<|endoftext|>\n<|assistant|>\n";
        Assert.Equal(model.Tokenizer.Encode(prompt).Count, response.Usage!.InputTokenCount);
        Assert.Equal(["<|endoftext|>"], client.Format.TurnStops);
        Assert.DoesNotContain("<|endoftext|>", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_conversation_the_template_rejects_as_a_bad_request_before_generating()
    {
        using var folder = new TemporaryFolder();
        var checkpoint = await TemplatedCheckpoint.CreateAsync(folder.File("model"));
        File.WriteAllText(Path.Combine(checkpoint, ChatTemplate.FileName),
            "{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}" +
            "{{ messages[0]['content'] }}");
        using var model = LocalModel.Load(checkpoint);
        using var client = model.CreateChatClient("tiny", GenerationOptions.Greedy(6));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Hi")]));

        Assert.Contains("chat_template.jinja:1:", error.Message, StringComparison.Ordinal);
        Assert.Contains("System role not supported", error.Message, StringComparison.Ordinal);
    }
}
