using MultiTask.Prediction;

namespace MultiTask.Evaluation;

/// <summary>Computes a task's default metrics from its predictions and its labelled targets.</summary>
internal static class TaskMetrics
{
    /// <param name="prediction">The predictions of every row.</param>
    /// <param name="values">The task's target of every row (class labels as their index), NaN where the label is missing.</param>
    internal static Dictionary<string, double> Compute(TaskPrediction prediction, float[] values)
    {
        var rows = Enumerable.Range(0, values.Length).Where(i => !float.IsNaN(values[i])).ToArray();
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (rows.Length == 0)
        {
            return result;
        }

        switch (prediction)
        {
            case RegressionPrediction regression:
                {
                    var actual = rows.Select(i => (double)values[i]).ToArray();
                    var predicted = rows.Select(i => (double)regression.Values[i]).ToArray();
                    result[MetricNames.MeanSquaredError] = Metrics.MeanSquaredError(actual, predicted);
                    result[MetricNames.RootMeanSquaredError] = Metrics.RootMeanSquaredError(actual, predicted);
                    result[MetricNames.MeanAbsoluteError] = Metrics.MeanAbsoluteError(actual, predicted);
                    result[MetricNames.R2] = Metrics.R2(actual, predicted);
                    break;
                }

            case BinaryPrediction binary:
                {
                    var actual = rows.Select(i => (int)values[i]).ToArray();
                    var probabilities = rows.Select(i => binary.Probabilities[i]).ToArray();
                    result[MetricNames.Accuracy] = Metrics.Accuracy(actual, rows.Select(i => binary.Labels[i]).ToArray());
                    result[MetricNames.RocAuc] = actual.Distinct().Count() == 2 ? Metrics.RocAuc(actual, probabilities) : double.NaN;
                    result[MetricNames.LogLoss] = Metrics.LogLoss(actual, probabilities);
                    break;
                }

            case MulticlassPrediction multiclass:
                {
                    var actual = rows.Select(i => (int)values[i]).ToArray();
                    var predicted = rows.Select(i => multiclass.Labels[i]).ToArray();
                    result[MetricNames.Accuracy] = Metrics.Accuracy(actual, predicted);
                    result[MetricNames.MacroF1] = Metrics.MacroF1(actual, predicted);
                    break;
                }
        }

        return result;
    }
}
