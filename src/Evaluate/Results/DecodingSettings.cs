namespace SelfInstruct.Evaluate.Results;

/// <summary>How every model decoded: greedy (temperature 0), the same for all.</summary>
public sealed record DecodingSettings(string Strategy, int MaxNewTokens, int BatchSize);
