using System.Security.Cryptography;
using Microsoft.Extensions.AI;
using SelfInstruct.Tests.Fakes;

namespace SelfInstruct.Tests.Generate.Pipeline;

/// <summary>
/// A well-behaved model for pipeline tests: every answer depends only on the prompt, so a run and a resumed run
/// get the same answers. Instruction lists hold novel instructions made of words picked by a hash of the prompt;
/// instructions starting with "Classify" are classification tasks.
/// </summary>
internal static class ScriptedModel
{
    private static readonly string[] _verbs = ["Describe", "Explain", "Classify", "Summarize", "Compare", "List"];

    public static ChatResponse Answer(string prompt)
    {
        if (prompt.EndsWith("Is it classification?", StringComparison.Ordinal))
        {
            var isClassification = TaskOf(prompt).StartsWith("Classify", StringComparison.Ordinal);
            return FakeChatClient.Reply(isClassification ? " Yes" : " No");
        }
        if (prompt.EndsWith("Example 1", StringComparison.Ordinal))
        {
            var task = TaskOf(prompt);
            return FakeChatClient.Reply(prompt.Contains("Class label:", StringComparison.Ordinal)
                ? $"\nClass label: A\nInput: first for {task}\nExample 2\nClass label: B\nInput: second for {task}"
                : $"\nInput: in {task}\nOutput: out {task}\nExample 2\nInput:\nOutput: plain answer\n");
        }
        return FakeChatClient.Reply(InstructionList(prompt));
    }

    public static string InstructionList(string prompt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(prompt));
        var items = Enumerable.Range(0, 4).Select(item =>
        {
            var verb = _verbs[hash[item * 7] % _verbs.Length];
            var words = Enumerable.Range(1, 6).Select(word => $"w{hash[(item * 7) + word]}x{item}{word}");
            return $"{verb} {string.Join(' ', words)}.";
        });
        return " " + string.Join("\n", items.Select((item, index) => index == 0 ? item : $"{index + 9}. {item}"));
    }

    private static string TaskOf(string prompt)
    {
        var start = prompt.LastIndexOf("Task: ", StringComparison.Ordinal) + "Task: ".Length;
        return prompt[start..].Split('\n')[0];
    }
}
