namespace SelfInstruct.Evaluate.Sets;

/// <summary>Where an evaluation set comes from.</summary>
public enum EvaluationSetKind
{
    /// <summary>SuperNaturalInstructions task files (or our own sample in the same format).</summary>
    SuperNi,

    /// <summary>Self-Instruct's 252 user-oriented instructions.</summary>
    UserOriented,

    /// <summary>The held-out tasks of a dataset file of ours.</summary>
    Dataset,
}
