namespace MultiTask.Evaluation;

/// <summary>The evaluation of one task: its masked mean loss and its metrics over the rows that have a label.</summary>
public sealed class TaskEvaluation
{
    private static readonly Dictionary<string, IReadOnlyList<double>> NoPerClass = [];

    internal TaskEvaluation(TaskSpec task, double loss, int labelledRows, IReadOnlyDictionary<string, double> metrics, IReadOnlyDictionary<string, IReadOnlyList<double>>? perClassMetrics = null, MetricData? data = null)
    {
        Task = task;
        Loss = loss;
        LabelledRows = labelledRows;
        Metrics = metrics;
        PerClassMetrics = perClassMetrics ?? NoPerClass;
        Data = data;
    }

    /// <summary>The task evaluated.</summary>
    public TaskSpec Task { get; }

    /// <summary>The task's loss (its training loss function), averaged over labelled rows; NaN when no row has a label.</summary>
    public double Loss { get; }

    /// <summary>The number of rows with a label for this task.</summary>
    public int LabelledRows { get; }

    /// <summary>
    /// Values of the task's per-task metrics (<see cref="TaskSpec.EvaluationMetrics"/>) by name (see
    /// <see cref="MetricNames"/>); empty when no row has a label.
    /// </summary>
    public IReadOnlyDictionary<string, double> Metrics { get; }

    /// <summary>Values of the task's per-class metrics by name, one per class; empty when none is listed or no row has a label.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> PerClassMetrics { get; }

    /// <summary>
    /// The labelled rows with their true targets and predictions, for curves (<see cref="RocCurve"/>,
    /// <see cref="ConfusionMatrix"/>, …) and fairness; null when no row has a label.
    /// </summary>
    public MetricData? Data { get; }

    /// <summary>The value of a metric.</summary>
    /// <param name="metric">A metric name from <see cref="MetricNames"/> (or a custom metric's name) that this task reports.</param>
    public double this[string metric] => Metrics.TryGetValue(metric, out var value)
        ? value
        : throw new KeyNotFoundException(LabelledRows == 0
            ? $"Task '{Task.Name}' has no metric '{metric}': none of the evaluated rows has a label for it, so it has no metrics (check that the evaluation data holds its labels)."
            : $"Task '{Task.Name}' has no metric '{metric}'; it has {string.Join(", ", Metrics.Keys)}.");
}
