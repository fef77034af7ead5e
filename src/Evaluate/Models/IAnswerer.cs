namespace SelfInstruct.Evaluate.Models;

/// <summary>A model under test that answers prompts greedily, reporting each answer as soon as it exists.</summary>
public interface IAnswerer : IDisposable
{
    /// <summary>
    /// Answers every prompt; <paramref name="onAnswer"/> sees each answer once. When the model fails part way,
    /// the answers already reported stand and the failure is thrown.
    /// </summary>
    Task AnswerAsync(
        IReadOnlyList<PendingPrompt> prompts, Func<ModelAnswer, Task> onAnswer, CancellationToken cancellationToken);
}
