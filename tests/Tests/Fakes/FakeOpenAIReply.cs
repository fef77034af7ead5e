namespace SelfInstruct.Tests.Fakes;

/// <summary>What the fake server answers: status, body, headers, and a delay before answering.</summary>
public sealed record FakeOpenAIReply(int Status, string Body, (string Name, string Value)[]? Headers = null)
{
    public TimeSpan Delay { get; init; }
}
