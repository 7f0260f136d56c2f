namespace MultiTask.Evaluation;

/// <summary>
/// An evaluation metric of a task. The built-in metrics are in <see cref="StandardMetrics"/>; implement this interface
/// (or use <see cref="CustomMetric"/>) to add your own and list it with <see cref="TaskSpec.WithMetrics"/>.
/// </summary>
public interface IMetric
{
    /// <summary>The name under which evaluation reports the metric; unique within a task.</summary>
    string Name { get; }

    /// <summary>Whether a higher value is better (used by Δm and by metric-based model selection).</summary>
    bool HigherIsBetter { get; }

    /// <summary>What the metric reads: predicted values, labels or probabilities.</summary>
    MetricInput Input { get; }

    /// <summary>One value per task or one per class.</summary>
    MetricScope Scope { get; }

    /// <summary>Whether the metric applies to tasks of this kind.</summary>
    /// <param name="kind">A task kind.</param>
    bool AppliesTo(TaskKind kind);

    /// <summary>
    /// Computes the metric on a task's labelled rows: one value for <see cref="MetricScope.PerTask"/>, one per class
    /// for <see cref="MetricScope.PerClass"/>. Return NaN where the metric is undefined (e.g. ROC AUC with one class).
    /// </summary>
    /// <param name="data">The labelled rows of one task with their predictions (at least one row).</param>
    IReadOnlyList<double> Compute(MetricData data);
}
