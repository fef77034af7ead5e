namespace SelfInstruct.Finetune.Training;

/// <summary>
/// Writes a run's checkpoints through <see cref="CheckpointFolders"/>: the weights, the prompt format (unless the run
/// trained on examples given as text), the settings, the optimizer moments and the trainer state, then
/// <paramref name="beforeCommit"/> before the rename.
/// </summary>
internal sealed class CheckpointWriter(
    FinetuneConfig config,
    TrainedModel model,
    Trainer trainer,
    bool storesFormat,
    Func<string, CancellationToken, Task>? beforeCommit)
{
    private readonly CheckpointFolders _folders = new(config.Output);

    /// <summary>The checkpoint of <paramref name="state"/>'s step; older ones past the limit are deleted.</summary>
    public async Task<string> WriteStepAsync(TrainerState state, CancellationToken cancellationToken)
    {
        var folder = await _folders.WriteAsync(CheckpointFolders.Name(state.Step), async (temporary, token) =>
        {
            await model.SaveCheckpointAsync(temporary, token);
            await WriteRunFilesAsync(temporary, state, token);
        }, cancellationToken);
        _folders.Prune(config.SaveTotalLimit);
        return folder;
    }

    /// <summary>The tuned checkpoint, <see cref="FinetuneRun.FinalFolderName"/>.</summary>
    public Task<string> WriteFinalAsync(TrainerState state, CancellationToken cancellationToken) =>
        _folders.WriteAsync(FinetuneRun.FinalFolderName, async (temporary, token) =>
        {
            await model.SaveTunedAsync(temporary, token);
            await WriteRunFilesAsync(temporary, state, token);
        }, cancellationToken);

    private async Task WriteRunFilesAsync(string folder, TrainerState state, CancellationToken cancellationToken)
    {
        if (storesFormat)
        {
            await PromptFormatFile.WriteAsync(folder, config.Format, cancellationToken);
        }
        await FinetuneConfigFile.WriteAsync(folder, config, cancellationToken);
        trainer.SaveOptimizer(folder);
        await state.WriteAsync(folder, cancellationToken);
        if (beforeCommit is not null)
        {
            await beforeCommit(folder, cancellationToken);
        }
    }
}
