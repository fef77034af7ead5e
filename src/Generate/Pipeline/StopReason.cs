namespace SelfInstruct.Generate.Pipeline;

/// <summary>Why a run ended without an error.</summary>
public enum StopReason
{
    /// <summary>The pool holds the target number of new instructions.</summary>
    TargetReached,

    /// <summary>The request budget is spent.</summary>
    MaxRequests,

    /// <summary>The cost budget is spent.</summary>
    MaxCost,

    /// <summary>Too many batches in a row accepted nothing.</summary>
    NoProgress,
}
