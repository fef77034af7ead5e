using SelfInstruct.Evaluate.Configuration;
using SelfInstruct.Evaluate.Models;
using SelfInstruct.Evaluate.Prompts;
using SelfInstruct.Evaluate.Sets;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Evaluate.Prompts;

public sealed class PromptResolutionTests
{
    [Fact]
    public async Task Prompts_every_model_with_the_format_a_tuned_checkpoint_stores()
    {
        using var folder = new TemporaryFolder();
        var (base_, tuned) = (Directory.CreateDirectory(folder.File("base")).FullName,
            Directory.CreateDirectory(folder.File("tuned")).FullName);
        await PromptFormatFile.WriteAsync(tuned, PromptFormatKind.Alpaca, CancellationToken.None);

        var (style, reason) = PromptResolution.Resolve(PromptStyle.Auto, EvaluationSetKind.SuperNi,
            [ModelSpec.ForCheckpoint("base", base_), ModelSpec.ForCheckpoint("tuned", tuned)]);

        Assert.Equal(PromptStyle.Alpaca, style);
        Assert.Contains("tuned", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prompts_through_each_chat_format_when_a_tuned_checkpoint_stores_the_chat_format()
    {
        using var folder = new TemporaryFolder();
        var tuned = Directory.CreateDirectory(folder.File("tuned")).FullName;
        await PromptFormatFile.WriteAsync(tuned, PromptFormatKind.Chat, CancellationToken.None);

        var (style, _) = PromptResolution.Resolve(PromptStyle.Auto, EvaluationSetKind.UserOriented,
            [ModelSpec.ForCheckpoint("tuned", tuned)]);

        Assert.Equal(PromptStyle.Chat, style);
    }

    [Fact]
    public void Uses_the_superni_definition_prompt_when_no_model_stores_a_format()
    {
        using var folder = new TemporaryFolder();

        var (style, _) = PromptResolution.Resolve(PromptStyle.Auto, EvaluationSetKind.SuperNi,
            [ModelSpec.ForCheckpoint("base", folder.Path)]);

        Assert.Equal(PromptStyle.SuperNi, style);
    }

    [Fact]
    public async Task Rejects_checkpoints_that_store_different_formats()
    {
        using var folder = new TemporaryFolder();
        var (first, second) = (Directory.CreateDirectory(folder.File("a")).FullName,
            Directory.CreateDirectory(folder.File("b")).FullName);
        await PromptFormatFile.WriteAsync(first, PromptFormatKind.Alpaca, CancellationToken.None);
        await PromptFormatFile.WriteAsync(second, PromptFormatKind.SelfInstruct, CancellationToken.None);

        var error = Assert.Throws<ConfigException>(() => PromptResolution.Resolve(PromptStyle.Auto,
            EvaluationSetKind.SuperNi, [ModelSpec.ForCheckpoint("a", first), ModelSpec.ForCheckpoint("b", second)]));

        Assert.Equal(3, error.Problems.Count);
    }
}
