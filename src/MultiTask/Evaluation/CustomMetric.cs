namespace MultiTask.Evaluation;

/// <summary>A user metric from a function: one value per task, for the task kinds given.</summary>
/// <example><code>
/// var specificity = new CustomMetric("Specificity", higherIsBetter: true, MetricInput.Labels,
///     d => Metrics.Recall(d.ActualLabels, d.PredictedLabels, positiveLabel: 0), TaskKind.Binary);
/// var task = TaskSpec.Binary("churn").WithMetrics(StandardMetrics.F1, specificity);
/// </code></example>
public sealed class CustomMetric : IMetric
{
    private readonly Func<MetricData, double> _compute;
    private readonly TaskKind[] _kinds;

    /// <summary>Creates the metric.</summary>
    /// <param name="name">The reported name; not empty.</param>
    /// <param name="higherIsBetter">Whether a higher value is better.</param>
    /// <param name="input">What the function reads.</param>
    /// <param name="compute">The value on a task's labelled rows (NaN where undefined).</param>
    /// <param name="appliesTo">The task kinds it applies to; none means every kind.</param>
    public CustomMetric(string name, bool higherIsBetter, MetricInput input, Func<MetricData, double> compute, params TaskKind[] appliesTo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(compute);
        ArgumentNullException.ThrowIfNull(appliesTo);
        Name = name;
        HigherIsBetter = higherIsBetter;
        Input = input;
        _compute = compute;
        _kinds = appliesTo.Length == 0 ? Enum.GetValues<TaskKind>() : [.. appliesTo];
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public bool HigherIsBetter { get; }

    /// <inheritdoc/>
    public MetricInput Input { get; }

    /// <inheritdoc/>
    public MetricScope Scope => MetricScope.PerTask;

    /// <inheritdoc/>
    public bool AppliesTo(TaskKind kind) => _kinds.Contains(kind);

    /// <inheritdoc/>
    public IReadOnlyList<double> Compute(MetricData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return [_compute(data)];
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
