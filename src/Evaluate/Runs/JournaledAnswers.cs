namespace SelfInstruct.Evaluate.Runs;

/// <summary>
/// Runs one answerer over the prompts the journal lacks under a key (model name and fingerprint), journaling each
/// answer as it arrives and reporting progress. The answerer is created only when something is missing, so a
/// finished evaluation reruns without loading or calling any model.
/// </summary>
public static class JournaledAnswers
{
    /// <summary>Fills the journal for every prompt; a model failure leaves the answers so far in the journal.</summary>
    public static async Task FillAsync(
        PredictionJournal journal,
        string model,
        string fingerprint,
        IReadOnlyList<PendingPrompt> prompts,
        Func<IAnswerer> createAnswerer,
        Action<int, int>? onProgress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(createAnswerer);
        var pending = prompts.Where(prompt => journal.Find(model, fingerprint, prompt.InstanceId) is null).ToList();
        var cached = prompts.Count - pending.Count;
        var done = cached;
        onProgress?.Invoke(done, cached);
        if (pending.Count == 0)
        {
            return;
        }
        using var answerer = createAnswerer();
        await answerer.AnswerAsync(pending, async answer =>
        {
            await journal.AppendAsync(new PredictionRecord(model, fingerprint, answer.InstanceId, answer.Text,
                answer.FinishReason, answer.PromptTokens, answer.OutputTokens, answer.Truncated), cancellationToken);
            onProgress?.Invoke(Interlocked.Increment(ref done), cached);
        }, cancellationToken);
    }
}
