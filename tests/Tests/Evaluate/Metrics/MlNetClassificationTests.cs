using SelfInstruct.Evaluate.Metrics;
using Xunit;

namespace SelfInstruct.Tests.Evaluate.Metrics;

public sealed class MlNetClassificationTests
{
    [Fact]
    public void Computes_accuracy_macro_accuracy_and_the_confusion_matrix()
    {
        // Gold yes: 3 right, 1 predicted no. Gold no: 1 right, 1 predicted yes, 1 matched no label (other).
        (int, int)[] pairs = [(0, 0), (0, 0), (0, 0), (0, 1), (1, 1), (1, 0), (1, 2)];

        var metrics = MlNetClassification.Evaluate("task", ["yes", "no", ClassificationMetrics.OtherLabel], pairs);

        Assert.Equal(4.0 / 7, metrics.Accuracy, 12);
        Assert.Equal((3.0 / 4 + 1.0 / 3) / 2, metrics.MacroAccuracy, 12);
        Assert.Equal([[3, 1, 0], [1, 1, 1], [0, 0, 0]],
            metrics.ConfusionMatrix.Select(row => row.ToArray()).ToArray());
        Assert.Equal(7, metrics.Count);
    }
}
