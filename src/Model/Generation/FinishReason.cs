namespace SelfInstruct.Model.Generation;

/// <summary>Why generation of one sequence ended.</summary>
public enum FinishReason
{
    /// <summary>It produced an end-of-sequence token or a stop sequence.</summary>
    Stop,

    /// <summary>It reached the max new tokens or the context length.</summary>
    Length,
}
