using SelfInstruct.Evaluate.Configuration;
using SelfInstruct.Evaluate.Prompts;
using SelfInstruct.Evaluate.Sets;
using SelfInstruct.Tests.Support;
using Xunit;

namespace SelfInstruct.Tests.Evaluate.Prompts;

public sealed class EvaluationPromptsTests
{
    [Fact]
    public void Renders_every_prompt_style_as_approved()
    {
        var set = SuperNiTaskFolder.Read(RepositoryRoot.PathTo(Path.Combine("data", "eval")), 1);
        var task = set.Tasks[0];
        var instance = task.Instances[0];
        var withoutInput = new EvaluationInstance("x", "", ["y"]);

        var text = new StringBuilder();
        foreach (var (name, style, examples, item) in new[]
                 {
                     ("superni zero-shot", PromptStyle.SuperNi, 0, instance),
                     ("superni with 2 positive examples", PromptStyle.SuperNi, 2, instance),
                     ("user-oriented", PromptStyle.UserOriented, 0, instance),
                     ("user-oriented without input", PromptStyle.UserOriented, 0, withoutInput),
                     ("self-instruct", PromptStyle.SelfInstruct, 0, instance),
                     ("alpaca", PromptStyle.Alpaca, 0, instance),
                     ("chat (the user's message)", PromptStyle.Chat, 0, instance),
                 })
        {
            text.Append("=== ").Append(name).Append(" ===\n")
                .Append(EvaluationPrompts.Render(style, examples, task, item)).Append("<END>\n");
        }

        Approvals.Verify("EvaluationPrompts.txt", text.ToString());
    }

    [Fact]
    public void Ends_each_superni_part_with_punctuation_as_tk_instruct_does()
    {
        var prompt = EvaluationPrompts.SuperNi("Classify the text", [], "  good movie  ");

        Assert.Equal(
            "Definition: Classify the text.\n\nNow complete the following example -\nInput: good movie.\nOutput: ",
            prompt);
    }
}
