using Microsoft.ML;
using Microsoft.ML.Data;

namespace SelfInstruct.Evaluate.Metrics;

/// <summary>
/// The one adapter to ML.NET: builds an <see cref="IDataView"/> of (gold label, predicted label, one-hot score) and
/// runs its multiclass evaluator, returning our own <see cref="ClassificationMetrics"/>.
/// </summary>
public static class MlNetClassification
{
    /// <summary>
    /// Evaluates label indices into <paramref name="labels"/> (which must end with the other label); every index
    /// lies in 0..labels.Count - 1.
    /// </summary>
    public static ClassificationMetrics Evaluate(
        string taskId, IReadOnlyList<string> labels, IReadOnlyList<(int Gold, int Predicted)> pairs)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentOutOfRangeException.ThrowIfLessThan(labels.Count, 2);
        ArgumentOutOfRangeException.ThrowIfZero(pairs.Count);
        var count = labels.Count;
        var context = new MLContext(seed: 0);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.PredictedLabel)].ColumnType = new KeyDataViewType(typeof(uint), count);
        schema[nameof(Row.Score)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, count);
        // The gold label is the class index as a number; the predicted label is a key, 1-based (0 means missing).
        var rows = pairs.Select(pair => new Row
        {
            Label = pair.Gold,
            PredictedLabel = (uint)pair.Predicted + 1,
            Score = Enumerable.Range(0, count).Select(index => index == pair.Predicted ? 1f : 0f).ToArray(),
        }).ToList();
        var data = context.Data.LoadFromEnumerable(rows, schema);
        var metrics = context.MulticlassClassification.Evaluate(data);
        var matrix = metrics.ConfusionMatrix.Counts
            .Select(row => (IReadOnlyList<int>)row.Select(value => (int)Math.Round(value)).ToList())
            .ToList();
        return new ClassificationMetrics(taskId, labels, metrics.MicroAccuracy, metrics.MacroAccuracy, matrix,
            pairs.Count);
    }

    private sealed class Row
    {
        public float Label { get; set; }

        public uint PredictedLabel { get; set; }

        public float[] Score { get; set; } = [];
    }
}
