using System.Security.Cryptography;
using Microsoft.Extensions.AI;
using SelfInstruct.Tests.Fakes;

namespace SelfInstruct.Tests.Generate.Pipeline;

/// <summary>
/// A well-behaved model for Alpaca-style tests: every answer depends only on the prompt. It writes the 20 tasks
/// asked for, numbered on from the open header; of them the third mentions a video (blacklisted), the fifth repeats
/// a fixed instruction (too similar once it is in the pool), the seventh copies its input as output, and the rest
/// are novel instructions made of words picked by a hash of the prompt.
/// </summary>
internal static class AlpacaScriptedModel
{
    public const string Repeated = "Rewrite the following sentence so that it uses the passive voice.";

    public static ChatResponse Answer(string prompt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(prompt));
        var tasks = Enumerable.Range(0, 20).Select(item => item switch
        {
            2 => ("Describe the video that explains tides.", "<noinput>", "It shows the moon pulling water."),
            4 => (Repeated, "The cat chased the mouse.", "The mouse was chased by the cat."),
            6 => ("Repeat the given words back exactly.", "same words", "same words"),
            _ => ($"Explain {string.Join(' ', Enumerable.Range(0, 6).Select(w => Word(hash, item, w)))}.",
                item % 2 == 0 ? "<noinput>" : $"input {hash[item]}", $"answer {item} {hash[item + 1]}"),
        });
        return FakeChatClient.Reply(string.Join("\n\n", tasks.Select((task, index) =>
            $"{(index == 0 ? "" : $"Task {index + 4}\n")}Instruction: {task.Item1}\nInput: {task.Item2}\n" +
            $"Output: {task.Item3}")));
    }

    private static string Word(byte[] hash, int item, int word) => $"w{hash[(item + word) % 32]}x{item}{word}";
}
