namespace SelfInstruct.Core.Records;

/// <summary>One input/output example of a task. An empty input means the instruction alone is the query.</summary>
public sealed record TaskInstance(string Input, string Output);
