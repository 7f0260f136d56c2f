namespace MultiTask.Evaluation;

/// <summary>Whether a metric gives one value per task or one per class.</summary>
public enum MetricScope
{
    /// <summary>One value for the task (<see cref="TaskEvaluation.Metrics"/>).</summary>
    PerTask,

    /// <summary>One value per class 0 … K − 1 (<see cref="TaskEvaluation.PerClassMetrics"/>).</summary>
    PerClass,
}
