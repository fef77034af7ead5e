namespace SelfInstruct.Evaluate.Decontamination;

/// <summary>
/// A generated task beside the evaluation task it comes closest to in one set: the task with the closest
/// instruction, or, when only an n-gram is shared, the task of that instance.
/// </summary>
/// <param name="TaskId">The generated task.</param>
/// <param name="Instruction">The generated instruction.</param>
/// <param name="Set">The evaluation set's name.</param>
/// <param name="EvaluationTaskId">The evaluation task.</param>
/// <param name="EvaluationInstruction">Its instruction (SuperNI's definition).</param>
/// <param name="RougeL">ROUGE-L F (no stemming) of the generated instruction to the closest evaluation instruction
/// of the set, 0..1; higher is more similar.</param>
/// <param name="SharedNGram">The first shared n-gram, tokens joined by spaces; null when none is shared.</param>
/// <param name="EvaluationInstanceId">The evaluation instance holding <paramref name="SharedNGram"/>, or null.</param>
/// <param name="Flagged">Whether either check flags the task.</param>
public sealed record OverlapPair(
    string TaskId,
    string Instruction,
    string Set,
    string EvaluationTaskId,
    string EvaluationInstruction,
    double RougeL,
    string? SharedNGram,
    string? EvaluationInstanceId,
    bool Flagged);
