namespace SelfInstruct.Tests.Fakes;

/// <summary>One request the fake server received.</summary>
public sealed record FakeOpenAIRequest(string Path, JsonObject Body, string Authorization);
