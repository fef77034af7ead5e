namespace SelfInstruct.Cli.Pipeline;

/// <summary>A stage's entry in the ledger: the fingerprint it ran with and whether it finished.</summary>
public sealed record StageState(string Fingerprint, bool Complete, DateTimeOffset UpdatedAt);
