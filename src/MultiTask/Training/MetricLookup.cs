using MultiTask.Evaluation;

namespace MultiTask.Training;

/// <summary>
/// The trainer's only dependency on the evaluation's metrics: whether a name is a metric, its direction, and a task's
/// value in a report (looked up by task name and metric name).
/// </summary>
internal static class MetricLookup
{
    /// <summary>Returns <paramref name="metric"/> when it is a known metric name; otherwise throws, naming the property.</summary>
    internal static string Known(string metric, string owner)
    {
        try
        {
            MetricNames.HigherIsBetter(metric);
            return metric;
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{owner}.Metric: unknown metric '{metric}'.", "Metric", e);
        }
    }

    /// <summary>Whether a higher value of the metric is better.</summary>
    internal static bool HigherIsBetter(string metric) => MetricNames.HigherIsBetter(metric);

    /// <summary>The task's value of the metric in the report; null when the task does not report it (e.g. no labels).</summary>
    internal static double? Value(EvaluationReport report, string task, string metric)
        => report[task].Metrics.TryGetValue(metric, out var value) ? value : null;

    /// <summary>The metric names the task reports, for messages.</summary>
    internal static string Available(EvaluationReport report, string task)
        => report[task].Metrics.Count == 0 ? "none (no validation labels)" : string.Join(", ", report[task].Metrics.Keys);
}
