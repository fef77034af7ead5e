namespace SelfInstruct.Generate.Configuration;

/// <summary>How step 2's answer is read.</summary>
public enum ClassificationAnswer
{
    /// <summary>"Yes" in any case, with punctuation or words after it ("Yes.", "yes, it is"): chat models answer so.</summary>
    Lenient,

    /// <summary>Only "Yes", "yes" or "YES" after trimming whitespace, as the released code reads it.</summary>
    Strict,
}
