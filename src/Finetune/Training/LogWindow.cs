using System.Diagnostics;

namespace SelfInstruct.Finetune.Training;

/// <summary>Losses and tokens since the last report, and the run's clock for the rate and the ETA.</summary>
internal sealed class LogWindow(int startStep)
{
    private readonly Stopwatch _run = Stopwatch.StartNew();
    private readonly Stopwatch _window = Stopwatch.StartNew();
    private double _lossSum;
    private int _steps;
    private long _tokens;

    public void Add(double loss, long tokens)
    {
        _lossSum += loss;
        _steps++;
        _tokens += tokens;
    }

    /// <summary>The report for the steps since the last one; starts a new window.</summary>
    public TrainingProgress Take(TrainerState state, int totalSteps, double learningRate, double? validationLoss)
    {
        var stepsThisRun = state.Step - startStep;
        var elapsed = _run.Elapsed;
        var eta = stepsThisRun > 0 ? elapsed / stepsThisRun * (totalSteps - state.Step) : (TimeSpan?)null;
        var seconds = _window.Elapsed.TotalSeconds;
        var report = new TrainingProgress(state.Step, totalSteps, state.Epoch, _steps > 0 ? _lossSum / _steps : 0,
            validationLoss, learningRate, seconds > 0 ? _tokens / seconds : 0, elapsed, eta);
        (_lossSum, _steps, _tokens) = (0, 0, 0);
        _window.Restart();
        return report;
    }
}
