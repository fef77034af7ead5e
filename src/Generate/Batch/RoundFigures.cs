namespace SelfInstruct.Generate.Batch;

/// <summary>One committed Batch API round: what it asked and cost, and how long it took.</summary>
/// <param name="Index">The round's number, from 0 (its batch number in the journal).</param>
/// <param name="Requests">Requests answered in the round, all steps.</param>
/// <param name="Cost">Their cost at Batch API rates.</param>
/// <param name="WallTime">From the round's start to its commit, in the process that committed it.</param>
public sealed record RoundFigures(int Index, long Requests, double Cost, TimeSpan WallTime);
