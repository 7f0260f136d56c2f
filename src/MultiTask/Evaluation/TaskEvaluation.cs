namespace MultiTask.Evaluation;

/// <summary>The evaluation of one task: its masked mean loss and its metrics over the rows that have a label.</summary>
public sealed class TaskEvaluation
{
    internal TaskEvaluation(TaskSpec task, double loss, int labelledRows, IReadOnlyDictionary<string, double> metrics)
    {
        Task = task;
        Loss = loss;
        LabelledRows = labelledRows;
        Metrics = metrics;
    }

    /// <summary>The task evaluated.</summary>
    public TaskSpec Task { get; }

    /// <summary>The task's loss (its training loss function), averaged over labelled rows; NaN when no row has a label.</summary>
    public double Loss { get; }

    /// <summary>The number of rows with a label for this task.</summary>
    public int LabelledRows { get; }

    /// <summary>Metric values by name (see <see cref="MetricNames"/>); empty when no row has a label.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; }

    /// <summary>The value of a metric.</summary>
    /// <param name="metric">A metric name from <see cref="MetricNames"/> that applies to this task.</param>
    public double this[string metric] => Metrics.TryGetValue(metric, out var value)
        ? value
        : throw new KeyNotFoundException(LabelledRows == 0
            ? $"Task '{Task.Name}' has no metric '{metric}': none of the evaluated rows has a label for it, so it has no metrics (check that the evaluation data holds its labels)."
            : $"Task '{Task.Name}' has no metric '{metric}'; it has {string.Join(", ", Metrics.Keys)}.");
}
