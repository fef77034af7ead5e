namespace SelfInstruct.Generate.Prompts;

/// <summary>What one Alpaca-style response yielded.</summary>
/// <param name="Tasks">The whole tasks read, in order, not yet filtered; an empty input is "".</param>
/// <param name="Failures">A reason for each task block dropped, or for a response that held none.</param>
public sealed record AlpacaParse(IReadOnlyList<AlpacaExample> Tasks, IReadOnlyList<string> Failures);
