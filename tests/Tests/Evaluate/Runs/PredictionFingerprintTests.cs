using SelfInstruct.Evaluate.Configuration;
using SelfInstruct.Evaluate.Models;
using SelfInstruct.Evaluate.Runs;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Evaluate.Runs;

public sealed class PredictionFingerprintTests
{
    [Fact]
    public async Task Changes_when_the_checkpoint_is_rewritten_or_the_prompt_or_decoding_changes()
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllTextAsync(folder.File("model.safetensors"), "weights");
        var model = ModelSpec.ForCheckpoint("tuned", folder.Path);
        var config = new EvaluationConfig();
        var first = PredictionFingerprint.Of(model, PromptStyle.SuperNi, config);
        await File.WriteAllTextAsync(folder.File("model.safetensors"), "new weights");

        var rewritten = PredictionFingerprint.Of(model, PromptStyle.SuperNi, config);

        Assert.Equal(rewritten, PredictionFingerprint.Of(model, PromptStyle.SuperNi, config));
        Assert.NotEqual(first, rewritten);
        Assert.NotEqual(rewritten, PredictionFingerprint.Of(model, PromptStyle.Alpaca, config));
        Assert.NotEqual(rewritten, PredictionFingerprint.Of(model, PromptStyle.SuperNi, config with
        {
            MaxNewTokens = config.MaxNewTokens + 1,
        }));
    }

    [Fact]
    public void A_judges_fingerprint_follows_the_judge_and_the_judged_predictions()
    {
        var judge = new EndpointSpec("judge", new Uri("http://127.0.0.1:1/v1"), Completions: false);
        var other = judge with { Model = "other-judge" };

        var fingerprint = PredictionFingerprint.OfJudge(judge, "a");

        Assert.NotEqual(fingerprint, PredictionFingerprint.OfJudge(judge, "b"));
        Assert.NotEqual(fingerprint, PredictionFingerprint.OfJudge(other, "a"));
    }
}
