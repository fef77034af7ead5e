namespace SelfInstruct.Finetune.Training;

/// <summary>
/// The loop of a run, one optimizer step at a time: step (schedule, batches, forward and backward, clip, update: see
/// <see cref="Trainer.Step"/>), record, evaluate, log (to <paramref name="log"/>), checkpoint, and the host's
/// <paramref name="afterStep"/>.
/// </summary>
internal sealed class TrainingLoop(
    FinetuneConfig config,
    Trainer trainer,
    CheckpointWriter checkpoints,
    Action<TrainingProgress> log,
    Action<int>? afterStep)
{
    /// <summary>
    /// Trains from <paramref name="state"/> to the last step. <paramref name="lastCheckpoint"/> is the checkpoint
    /// resumed from, if any, which a non-finite loss names when no newer one was written.
    /// </summary>
    /// <exception cref="NonFiniteLossException">The loss became NaN or infinite.</exception>
    public async Task<TrainerState> RunAsync(
        TrainerState state, string? lastCheckpoint, CancellationToken cancellationToken)
    {
        var window = new LogWindow(state.Step);
        while (state.Step < trainer.TotalSteps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (loss, tokens) = trainer.Step(state.Step);
            state = Record(state, loss, tokens, lastCheckpoint);
            window.Add(loss, tokens);
            var last = state.Step == trainer.TotalSteps;
            var evaluates = last || Every(config.EvalSteps, state.Step);
            if (evaluates)
            {
                state = state with { ValidationLoss = trainer.ValidationLoss() };
            }
            if (evaluates || Every(config.LoggingSteps, state.Step))
            {
                log(window.Take(state, trainer.TotalSteps, trainer.Schedule.At(state.Step - 1),
                    evaluates ? state.ValidationLoss : null) with
                {
                    LossScale = trainer.Scaler?.Scale,
                    SkippedSteps = trainer.Scaler?.SkippedSteps,
                });
            }
            if (!last && Every(config.SaveSteps, state.Step))
            {
                lastCheckpoint = await checkpoints.WriteStepAsync(state, cancellationToken);
            }
            afterStep?.Invoke(state.Step);
        }
        return state;
    }

    private TrainerState Record(TrainerState state, double loss, long tokens, string? lastCheckpoint)
    {
        var step = state.Step + 1;
        if (!double.IsFinite(loss))
        {
            throw new NonFiniteLossException(step, loss, lastCheckpoint);
        }
        return state with
        {
            Step = step,
            MicroBatches = trainer.MicroBatches,
            Epoch = trainer.Epoch,
            TokensTrained = state.TokensTrained + tokens,
            FirstLoss = state.Step == 0 ? loss : state.FirstLoss,
            LastLoss = loss,
        };
    }

    // 0 means never (only at the end, for evaluation and checkpoints).
    private static bool Every(int interval, int step) => interval > 0 && step % interval == 0;
}
