using System.Globalization;
using MultiTask.Prediction;

namespace MultiTask.Evaluation;

/// <summary>Computes a task's metrics (<see cref="TaskSpec.EvaluationMetrics"/>) from its predictions and its labelled targets.</summary>
internal static class TaskMetrics
{
    /// <param name="task">The task.</param>
    /// <param name="loss">The task's mean loss.</param>
    /// <param name="labelCount">The number of labelled rows.</param>
    /// <param name="prediction">The predictions of every row.</param>
    /// <param name="values">The task's target of every row (class labels as their index), NaN where the label is missing.</param>
    internal static TaskEvaluation Evaluate(TaskSpec task, double loss, int labelCount, TaskPrediction prediction, float[] values)
    {
        var data = MetricData.From(prediction, values);
        if (data.RowCount == 0)
        {
            return new TaskEvaluation(task, loss, labelCount, new Dictionary<string, double>(StringComparer.Ordinal));
        }

        var (metrics, perClass) = Compute(task.EvaluationMetrics, data);
        return new TaskEvaluation(task, loss, labelCount, metrics, perClass, data);
    }

    /// <summary>Every metric on the data, split into per-task values and per-class lists.</summary>
    internal static (Dictionary<string, double> Metrics, Dictionary<string, IReadOnlyList<double>> PerClass) Compute(IReadOnlyList<IMetric> metrics, MetricData data)
    {
        var scalar = new Dictionary<string, double>(StringComparer.Ordinal);
        var perClass = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        foreach (var metric in metrics)
        {
            var values = metric.Compute(data);
            int expected = metric.Scope == MetricScope.PerTask ? 1 : data.Task.ClassCount;
            if (values is null || values.Count != expected)
            {
                throw new InvalidOperationException($"Metric '{metric.Name}' of task '{data.Task.Name}' returned {(values is null ? "null" : values.Count.ToString(CultureInfo.InvariantCulture))} values; a {metric.Scope} metric returns {expected.ToString(CultureInfo.InvariantCulture)}.");
            }

            if (metric.Scope == MetricScope.PerTask)
            {
                scalar[metric.Name] = values[0];
            }
            else
            {
                perClass[metric.Name] = values;
            }
        }

        return (scalar, perClass);
    }
}
