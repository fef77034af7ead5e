using SelfInstruct.Evaluate.Models;
using SelfInstruct.Model;
using SelfInstruct.Model.Tokenization;
using SelfInstruct.Tests.Model;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Evaluate.Models;

[Collection(TorchSharpTests.Name)]
public sealed class CheckpointAnswererTests
{
    [Theory]
    [InlineData(true, "<|user|>\nName a colour.<|endoftext|>\n<|assistant|>\n")]
    [InlineData(false, "Name a colour.")]
    public async Task Asks_through_the_checkpoints_chat_template_only_with_the_chat_prompt(bool chat, string asked)
    {
        using var folder = new TemporaryFolder();
        var checkpoint = await TemplatedCheckpoint.CreateAsync(folder.File("model"));
        using var answerer = new CheckpointAnswerer(checkpoint, "cpu", ComputeDtype.Fp32, maxNewTokens: 2,
            batchSize: 1, chat);
        var answers = new List<ModelAnswer>();

        await answerer.AnswerAsync([new PendingPrompt("i1", "Name a colour.")], answer =>
        {
            answers.Add(answer);
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal(ModelTokenizer.Load(checkpoint).Encode(asked).Count, answers.Single().PromptTokens);
    }
}
