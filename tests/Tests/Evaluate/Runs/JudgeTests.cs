using SelfInstruct.Evaluate.Configuration;
using SelfInstruct.Evaluate.Results;
using SelfInstruct.Evaluate.Runs;
using SelfInstruct.Tests.Fakes;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Evaluate.Runs;

public sealed class JudgeTests
{
    [Theory]
    [InlineData("B", "B")]
    [InlineData("Rating: C. The answer has errors.", "C")]
    [InlineData("I cannot rate this.", "?")]
    public void Reads_the_level_a_judge_names(string reply, string level)
    {
        Assert.Equal(level, JudgePrompt.Level(reply));
    }

    [Fact]
    public async Task Counts_the_judge_levels_per_model_on_the_user_oriented_set()
    {
        using var folder = new TemporaryFolder();
        var set = folder.File("user.jsonl");
        File.WriteAllLines(set,
        [
            """{"id": "u0", "instruction": "Greet.", "instances": [{"input": "", "output": "hi"}]}""",
            """{"id": "u1", "instruction": "Part.", "instances": [{"input": "", "output": "bye"}]}""",
        ]);
        var run = new EvaluationRun(endpoint => new FakeChatClient((prompt, _) => FakeChatClient.Reply(
            endpoint.Model == "judge"
                ? prompt.Contains("Response: hi", StringComparison.Ordinal) ? "A" : "D"
                : prompt.StartsWith("Greet", StringComparison.Ordinal) ? "hi" : "what?")));
        var config = new EvaluationConfig
        {
            Models = ["m=openai:m@http://127.0.0.1:1/v1"],
            UserOriented = set,
            Judge = "openai:judge@http://127.0.0.1:1/v1",
            BootstrapResamples = 100,
        };

        var results = (await run.RunAsync(config with { Output = folder.File("out") }, null, CancellationToken.None))
            .Results;

        Assert.Equal(PromptStyle.UserOriented, results.Prompt);
        Assert.Equal(new JudgeCounts(1, 0, 0, 1, 0), results.Models[0].Judge);
    }
}
