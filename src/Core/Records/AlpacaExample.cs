namespace SelfInstruct.Core.Records;

/// <summary>One row of an Alpaca-style JSON dataset: a single-instance task.</summary>
public sealed record AlpacaExample(string Instruction, string Input, string Output);
