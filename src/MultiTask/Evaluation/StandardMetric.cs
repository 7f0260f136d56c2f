namespace MultiTask.Evaluation;

/// <summary>A built-in metric: a named function of <see cref="MetricData"/> for some task kinds.</summary>
internal sealed class StandardMetric(string name, bool higherIsBetter, MetricInput input, TaskKind[] kinds, Func<MetricData, double[]> compute, MetricScope scope = MetricScope.PerTask) : IMetric
{
    public string Name => name;

    public bool HigherIsBetter => higherIsBetter;

    public MetricInput Input => input;

    public MetricScope Scope => scope;

    public bool AppliesTo(TaskKind kind) => kinds.Contains(kind);

    public IReadOnlyList<double> Compute(MetricData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return compute(data);
    }

    public override string ToString() => name;
}
